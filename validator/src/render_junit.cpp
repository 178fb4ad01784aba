// JUnit XML, as Jenkins, GitLab and most CI systems read it: a testsuite per
// file read, a failing testcase per finding (named by its rule), one passing
// testcase for a clean file.
#include <fmt/format.h>

#include "entryc/render.hpp"
#include "report.hpp"

namespace entryc::render {

std::string junit(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o) {
  const auto groups = report::by_file(sm, ds);
  std::string suites;
  std::size_t tests = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    if (i == sm.size() && g.empty()) break;
    const std::string name = report::xml(
        i < sm.size() ? report::display_path(sm.file(static_cast<FileId>(i)).name(), o) : std::string(report::kNoPath));
    const std::size_t n = g.empty() ? 1 : g.size();
    tests += n;
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
                          name, n, g.size());
    if (g.empty()) suites += fmt::format("    <testcase classname=\"{}\" name=\"entryc lint\" time=\"0\"/>\n", name);
    for (const diag::Diagnostic* d : g) {
      const report::Where w = report::where(sm, d->subject, o);
      const std::string at = w.valid ? fmt::format("{}:{}:{}: ", w.path, w.begin.line, w.begin.column) : "";
      const std::string code = d->code.empty() ? "entryc" : d->code;
      suites += fmt::format(
          "    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n"
          "      <failure message=\"{}\" type=\"{}\">{}</failure>\n"
          "    </testcase>\n",
          name, report::xml(code), report::xml(report::message(*d, o)), diag::to_string(d->severity),
          report::xml(fmt::format("{}{}: {} [{}]{}{}", at, diag::to_string(d->severity), report::message(*d, o), code,
                                  d->detail.empty() ? "" : "\n", d->detail)));
    }
    suites += "  </testsuite>\n";
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"entryc lint\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n{}</testsuites>\n",
      tests, ds.size(), suites);
}

}  // namespace entryc::render
