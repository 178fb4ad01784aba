// Renderers: the only code that turns diagnostics into text for people
// (pretty), for scripts and CI logs (compact), for tools (json) and for CI
// systems (sarif, github, gitlab, junit, checkstyle; docs/cli.md).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "entryc/diagnostic.hpp"
#include "entryc/source.hpp"

namespace entryc::render {

enum class Format { pretty, compact, json };

struct Options {
  bool color = false;
  // Print Consul's own message text (consul_text) where one exists, at the
  // same position, instead of ours.
  bool consul_messages = false;
  // The CI formats name files relative to this absolute directory (the
  // repository root, normally the working directory) when they lie under it,
  // so that reports and fingerprints do not depend on where the checkout is.
  std::string source_root;
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
  std::string help;      // Markdown, may be empty
  std::string help_uri;  // where the rule is documented, may be empty
};

// SARIF 2.1.0: one run, the rules that fired (with metadata), results with
// regions and stable partialFingerprints.
std::string sarif(const SourceManager& sm, std::span<const diag::Diagnostic> ds, std::span<const RuleMeta> rules,
                  const std::string& tool_version, const Options& o = {});

// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=..,
// endColumn=..,title=RULE::message`, one per line.
std::string github(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o = {});
// GitLab Code Quality: a JSON array of issues with stable fingerprints.
std::string gitlab(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o = {});
// JUnit XML: a testsuite per file read, a testcase per finding (or one
// passing testcase for a clean file).
std::string junit(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o = {});
// Checkstyle XML: a <file> per file read, an <error> per finding.
std::string checkstyle(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o = {});

// The report formats, a table for --format and -o FORMAT=PATH.
struct Report {
  Options options;
  std::span<const RuleMeta> rules;  // for sarif
  std::string tool_version;
};
struct ReportFormat {
  std::string_view name;
  std::string (*render)(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Report& r);
};
std::span<const ReportFormat> report_formats();
const ReportFormat* find_report_format(std::string_view name);
// "pretty, compact, ... or checkstyle", for usage messages.
std::string report_format_names();

// A one-line summary such as "2 errors, 1 warning".
std::string tally(std::span<const diag::Diagnostic> ds);

// A multi-line text (Go's multierror lists, a source line) on one line:
// every run of whitespace becomes one space, none at either end.
std::string one_line(std::string_view s);

}  // namespace entryc::render
