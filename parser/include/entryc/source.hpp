// Source files, byte ranges and lazily computed line/column positions.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace entryc {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = std::numeric_limits<FileId>::max();

// 1-based line and column; the column counts code points (an invalid UTF-8
// byte counts as one), like HashiCorp's HCL scanner. line == 0 means unknown.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool valid() const { return line != 0; }
  friend bool operator==(const Position&, const Position&) = default;
};

// Half-open byte range [begin, end) in one file.
struct SourceRange {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool valid() const { return file != kNoFile; }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// Strings that live as long as the store, packed into large blocks (each
// followed by a NUL, as std::string's are). Long-lived texts kept apart from
// the short-lived allocations made while reading each file keep the heap
// compact on projects of 100k files.
class TextStore {
 public:
  std::string_view keep(std::string_view s);

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_ = nullptr;  // free space in the current block
  std::size_t left_ = 0;
};

class SourceFile {
 public:
  // `text` is owned by the SourceManager and outlives the file.
  SourceFile(std::string name, std::string_view text) : name_(std::move(name)), text_(text) {}

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }

  Position position(std::uint32_t offset) const;
  // The text of a 1-based line without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const;
  // Byte offset where a 1-based line starts.
  std::uint32_t line_start(std::uint32_t line) const;

 private:
  void build_lines() const;
  std::string name_;
  std::string_view text_;
  mutable std::vector<std::uint32_t> line_starts_;
};

// Owns every file read in one run; FileIds index into it. Files never move,
// so string_views into their text stay valid for the manager's lifetime.
class SourceManager {
 public:
  FileId add(std::string name, std::string text);
  const SourceFile& file(FileId id) const { return files_.at(id); }
  std::size_t size() const { return files_.size(); }
  Position begin_position(const SourceRange& r) const;
  Position end_position(const SourceRange& r) const;

 private:
  std::deque<SourceFile> files_;
  TextStore texts_;
};

}  // namespace entryc
