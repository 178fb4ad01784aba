// GitHub Actions workflow commands
// (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions).
#include <fmt/format.h>

#include "entryc/render.hpp"
#include "report.hpp"

namespace entryc::render {
namespace {

const char* command(diag::Severity s) {
  switch (s) {
    case diag::Severity::error: return "error";
    case diag::Severity::warning: return "warning";
    case diag::Severity::note: return "notice";
  }
  return "notice";
}

// The escaping of GitHub's runner (toolkit/core command.ts): %, CR and LF in
// the message; also ':' and ',' in property values.
std::string escape(std::string_view s, bool property) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string github(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o) {
  std::string out;
  for (const diag::Diagnostic& d : ds) {
    out += fmt::format("::{} ", command(d.severity));
    const report::Where w = report::where(sm, d.subject, o);
    if (w.valid) {
      out += fmt::format("file={},line={},col={},endLine={},endColumn={},", escape(w.path, true), w.begin.line,
                         w.begin.column, w.end.line, w.end.column);
    }
    // The summary, then the detail on the next line.
    std::string text = report::message(d, o);
    if (!d.detail.empty()) text += "\n" + d.detail;
    out += fmt::format("title={}::{}\n", escape(d.code.empty() ? "entryc" : d.code, true), escape(text, false));
  }
  return out;
}

}  // namespace entryc::render
