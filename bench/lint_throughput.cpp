// Lint throughput, measured like `hcl1ref bench`: files in memory, a warm-up
// pass, then N timed passes of the whole lint pipeline (parse, decode like
// Consul, every plugin really loaded and run, severities, suppressions).
//
//   entryc-bench-lint [-n N] [--edition ce|ent] FILE...
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entryc/arena.hpp"
#include "entryc/lint.hpp"
#include "entryc/plugin_host.hpp"

namespace {
class CountingSink final : public entryc::diag::Sink {
 public:
  void report(entryc::diag::Diagnostic d) override { count += d.severity == entryc::diag::Severity::error; }
  std::size_t count = 0;
};
}  // namespace

int main(int argc, char** argv) {
  entryc::keep_freed_memory();  // as entryc itself does
  int passes = 5;
  entryc::lint::Options opts;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-n" && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else if (a == "--edition" && i + 1 < argc)
      opts.config.edition = std::string_view(argv[++i]) == "ent" ? entryc::consul::Edition::ent : entryc::consul::Edition::ce;
    else paths.push_back(a);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: entryc-bench-lint [-n N] [--edition ce|ent] FILE...\n");
    return 2;
  }
  entryc::plugins::Host host;
  entryc::diag::Collector load;
  const std::vector<std::string> none;
  host.load(none, load);
  entryc::SourceManager sm;
  std::vector<entryc::FileId> ids;
  std::size_t total = 0;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    total += ss.str().size();
    ids.push_back(sm.add(p, ss.str()));
  }
  entryc::lint::Linter linter(host, opts);
  CountingSink warm;
  for (entryc::FileId id : ids) linter.lint(sm, id, warm);
  using clock = std::chrono::steady_clock;
  double best = 1e100;
  const auto start = clock::now();
  for (int pass = 0; pass < passes; ++pass) {
    CountingSink sink;
    const auto t0 = clock::now();
    for (entryc::FileId id : ids) linter.lint(sm, id, sink);
    best = std::min(best, std::chrono::duration<double>(clock::now() - t0).count());
  }
  const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  std::printf("{\"tool\":\"entryc-lint\",\"files\":%zu,\"bytes\":%zu,\"plugins\":%zu,\"rules\":%zu,\"passes\":%d,"
              "\"files_with_errors\":%zu,\"files_per_s\":%.0f,\"mb_per_s\":%.2f,\"best_files_per_s\":%.0f}\n",
              ids.size(), total, host.plugins().size(), host.rules().size(), passes, warm.count,
              static_cast<double>(ids.size()) * passes / elapsed, static_cast<double>(total) * passes / 1e6 / elapsed,
              static_cast<double>(ids.size()) / best);
  return 0;
}
