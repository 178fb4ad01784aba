// Turning command-line PATH arguments into source files: directory walks,
// stdin, size limits and clear I/O diagnostics (code core-io).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "entryc/diagnostic.hpp"
#include "entryc/source.hpp"

namespace entryc::load {

struct Input {
  std::string name;  // as shown in diagnostics
  bool from_stdin = false;
};

inline constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20;  // docs/limits.md

// Files are taken as given; directories are walked recursively for *.hcl and
// *.json (sorted, symlinked directories not followed); "-" means stdin.
// Paths matching an --exclude glob (fnmatch on the path) are skipped.
std::vector<Input> expand(std::span<const std::string> args, std::span<const std::string> excludes,
                          diag::Sink& sink);

// Reads one input; problems (missing, unreadable, a directory or special
// file, too large) become core-io diagnostics.
std::optional<FileId> read(SourceManager& sm, const Input& in, diag::Sink& sink,
                           std::size_t max_bytes = kMaxFileBytes);

// The input read() read last (for a message when a later stage fails, e.g.
// runs out of memory on it).
struct LastInput {
  std::string name;
  std::size_t bytes = 0;
};
const LastInput& last_input();

}  // namespace entryc::load
