// GitLab Code Quality report
// (https://docs.gitlab.com/ee/ci/testing/code_quality.html#code-quality-report-format).
#include <nlohmann/json.hpp>

#include "entryc/render.hpp"
#include "report.hpp"

namespace entryc::render {
namespace {

// Errors that keep entryc from reading a file at all: nothing else in it was
// checked.
constexpr std::string_view kBlockers[] = {"core-io", "core-encoding", "core-syntax", "core-limit"};

const char* severity(const diag::Diagnostic& d) {
  switch (d.severity) {
    case diag::Severity::error:
      for (const std::string_view b : kBlockers) {
        if (d.code == b) return "blocker";
      }
      return "critical";
    case diag::Severity::warning: return "minor";
    case diag::Severity::note: return "info";
  }
  return "info";
}

}  // namespace

std::string gitlab(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o) {
  using Json = nlohmann::ordered_json;
  Json issues = Json::array();
  report::Fingerprints fp;
  for (const diag::Diagnostic& d : ds) {
    Json issue;
    issue["type"] = "issue";
    issue["description"] = report::message(d, o);
    issue["check_name"] = d.code.empty() ? "entryc" : d.code;
    issue["fingerprint"] = fp.next(sm, d, o);
    issue["severity"] = severity(d);
    if (!d.detail.empty()) issue["content"] = {{"body", d.detail}};
    const report::Where w = report::where(sm, d.subject, o);
    if (w.valid) {
      issue["location"] = {{"path", w.path},
                           {"lines", {{"begin", w.begin.line}, {"end", w.end.line}}},
                           {"positions",
                            {{"begin", {{"line", w.begin.line}, {"column", w.begin.column}}},
                             {"end", {{"line", w.end.line}, {"column", w.end.column}}}}}};
    } else {
      // GitLab requires a location; a finding about no file (an argument
      // that cannot be read) is reported on the repository root.
      issue["location"] = {{"path", "."}, {"lines", {{"begin", 1}, {"end", 1}}}};
    }
    issues.push_back(std::move(issue));
  }
  return issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace entryc::render
