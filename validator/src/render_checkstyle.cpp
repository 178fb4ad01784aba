// Checkstyle XML (as reviewdog, Jenkins warnings-ng and danger read it): a
// <file> per file read, an <error> per finding.
#include <fmt/format.h>

#include "entryc/render.hpp"
#include "report.hpp"

namespace entryc::render {
namespace {

const char* severity(diag::Severity s) {
  switch (s) {
    case diag::Severity::error: return "error";
    case diag::Severity::warning: return "warning";
    case diag::Severity::note: return "info";
  }
  return "info";
}

}  // namespace

std::string checkstyle(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o) {
  const auto groups = report::by_file(sm, ds);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    if (i == sm.size() && g.empty()) break;
    const std::string name =
        i < sm.size() ? report::display_path(sm.file(static_cast<FileId>(i)).name(), o) : std::string(report::kNoPath);
    if (g.empty()) {
      out += fmt::format("  <file name=\"{}\"/>\n", report::xml(name));
      continue;
    }
    out += fmt::format("  <file name=\"{}\">\n", report::xml(name));
    for (const diag::Diagnostic* d : g) {
      const report::Where w = report::where(sm, d->subject, o);
      out += w.valid ? fmt::format("    <error line=\"{}\" column=\"{}\"", w.begin.line, w.begin.column)
                     : std::string("    <error line=\"0\"");
      out += fmt::format(" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n", severity(d->severity),
                         report::xml(report::message(*d, o)), report::xml(d->code.empty() ? "entryc" : d->code));
    }
    out += "  </file>\n";
  }
  return out + "</checkstyle>\n";
}

}  // namespace entryc::render
