// Helpers shared by the CI report formats (sarif, github, gitlab, junit,
// checkstyle): file paths relative to the source root, positions, stable
// fingerprints and XML escaping.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entryc/diagnostic.hpp"
#include "entryc/render.hpp"
#include "entryc/source.hpp"

namespace entryc::render::report {

// A file name as the CI formats show it: relative to o.source_root when it
// lies under it, '/'-separated, without "./".
std::string display_path(std::string_view name, const Options& o);

// Where a diagnostic points, for formats that want line/column pairs.
struct Where {
  bool valid = false;
  std::string path;  // display_path of the file
  Position begin, end;
};
Where where(const SourceManager& sm, const SourceRange& r, const Options& o);

// The summary, or Consul's own text with --consul-messages.
std::string message(const diag::Diagnostic& d, const Options& o);

// Stable fingerprints: a 64-bit FNV-1a hash of the rule id, the display path
// and the subject's first source line with whitespace runs collapsed (or the
// summary for a finding without a location), then ":N" for the N-th finding
// with the same hash in this report. Blank lines or edits elsewhere in the
// file, re-indentation and where the checkout lives do not change it.
class Fingerprints {
 public:
  std::string next(const SourceManager& sm, const diag::Diagnostic& d, const Options& o);

 private:
  std::map<std::uint64_t, int> seen_;
};

// Findings not about a file (an argument that cannot be read) are reported
// on this path: CI formats need one.
inline constexpr std::string_view kNoPath = ".";

// The findings about each file read (index: FileId), in report order, then
// those without a file (index: sm.size()).
std::vector<std::vector<const diag::Diagnostic*>> by_file(const SourceManager& sm,
                                                          std::span<const diag::Diagnostic> ds);

// Text for XML attributes and character data: valid UTF-8, & < > " ' as
// entities, tab/newline/CR as character references (kept in attributes),
// other characters XML 1.0 forbids as U+FFFD.
std::string xml(std::string_view s);

// RFC 3986 percent-encoding of a path for a URI ('/' kept).
std::string uri_path(std::string_view path);

}  // namespace entryc::render::report
