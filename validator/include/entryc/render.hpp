// Renderers: the only code that turns diagnostics into text for people
// (pretty), for scripts and CI logs (compact) and for tools (json).
#pragma once

#include <span>
#include <string>

#include "entryc/diagnostic.hpp"
#include "entryc/source.hpp"

namespace entryc::render {

enum class Format { pretty, compact, json };

struct Options {
  bool color = false;
  // Print Consul's own message text (consul_text) where one exists, at the
  // same position, instead of ours.
  bool consul_messages = false;
};

// `path/file.hcl:12:7: error: summary [code]`
void compact(const SourceManager& sm, const diag::Diagnostic& d, std::string& out, const Options& o = {});
// Severity and summary, location, the source lines with the subject
// underlined, notes and detail.
void pretty(const SourceManager& sm, const diag::Diagnostic& d, std::string& out, const Options& o = {});
// A JSON document {"version": 1, "diagnostics": [...]}.
std::string json(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o = {});

// Rule metadata for report formats that carry it (SARIF).
struct RuleMeta {
  std::string id;
  std::string summary;
  diag::Severity severity = diag::Severity::error;
  std::string help;  // Markdown, may be empty
};

// SARIF 2.1.0: one run, the rules that fired (with metadata), results with
// regions and stable partialFingerprints.
std::string sarif(const SourceManager& sm, std::span<const diag::Diagnostic> ds, std::span<const RuleMeta> rules,
                  const std::string& tool_version, const Options& o = {});

// A one-line summary such as "2 errors, 1 warning".
std::string tally(std::span<const diag::Diagnostic> ds);

}  // namespace entryc::render
