#include "entryc/source.hpp"

#include <algorithm>

#include "entryc/utf8.hpp"

namespace entryc {

void SourceFile::build_lines() const {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  const std::string_view t = text_;
  for (std::uint32_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::uint32_t SourceFile::line_count() const {
  build_lines();
  return static_cast<std::uint32_t>(line_starts_.size());
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const {
  build_lines();
  if (line == 0 || line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

Position SourceFile::position(std::uint32_t offset) const {
  build_lines();
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  std::uint32_t column = 1;
  std::string_view t = std::string_view(text_).substr(start, offset - start);
  // A CR that belongs to a CRLF pair is part of the line terminator.
  column += static_cast<std::uint32_t>(utf8::count_runes(t));
  return Position{line, column};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  build_lines();
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t start = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  std::string_view s = std::string_view(text_).substr(start, end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

std::string_view TextStore::keep(std::string_view text) {
  constexpr std::size_t kBlock = 4u << 20;
  const std::size_t need = text.size() + 1;
  char* at = nullptr;
  if (need > kBlock / 8) {
    blocks_.emplace_back(new char[need]);  // a large text: a block of its own
    at = blocks_.back().get();
  } else {
    if (left_ < need) {
      blocks_.emplace_back(new char[kBlock]);
      block_ = blocks_.back().get();
      left_ = kBlock;
    }
    at = block_;
    block_ += need;
    left_ -= need;
  }
  std::copy(text.begin(), text.end(), at);
  at[text.size()] = '\0';
  return {at, text.size()};
}

FileId SourceManager::add(std::string name, std::string text) {
  files_.emplace_back(std::move(name), texts_.keep(text));
  return static_cast<FileId>(files_.size() - 1);
}

Position SourceManager::begin_position(const SourceRange& r) const {
  if (!r.valid()) return {};
  return file(r.file).position(r.begin);
}

Position SourceManager::end_position(const SourceRange& r) const {
  if (!r.valid()) return {};
  return file(r.file).position(r.end);
}

}  // namespace entryc
