// Plan compile time for one project, by phase: reading and linting every
// entry file (load_project), the project-wide rules (check_project), and
// compiling the plan. Prints one JSON line.
//
//   entryc-bench-plan PROJECT-FILE
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "entryc/plan.hpp"
#include "entryc/project.hpp"

namespace {
class Counter final : public entryc::diag::Sink {
 public:
  void report(entryc::diag::Diagnostic d) override { errors += d.severity == entryc::diag::Severity::error; }
  std::size_t errors = 0;
};
// CPU seconds this process has used (user + system): unlike wall time, not
// inflated when the machine is busy with other work.
double cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
// Peak resident set size so far, MiB.
double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}
double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: entryc-bench-plan PROJECT-FILE\n");
    return 2;
  }
  entryc::plugins::Host host;
  Counter sink;
  const std::vector<std::string> none;
  host.load(none, sink);
  entryc::SourceManager sm;
  entryc::project::LoadOptions lo;
  // Each phase's wall and CPU seconds, and the peak RSS at its end.
  struct Phase {
    double wall = 0, cpu = 0, peak = 0;
  };
  auto measure = [](auto&& run) {
    const auto t = std::chrono::steady_clock::now();
    const double c = cpu_s();
    run();
    return Phase{since(t), cpu_s() - c, peak_mib()};
  };
  std::optional<entryc::project::Project> p;
  const Phase load = measure([&] { p = entryc::project::load_project(sm, argv[1], host, lo, sink); });
  if (!p) return 1;
  const Phase check = measure([&] { entryc::project::check_project(*p, host, lo.config, sink); });
  entryc::plan::Plan plan;
  std::string json;
  const Phase compile = measure([&] {
    plan = entryc::plan::compile(*p, host, nullptr);
    json = entryc::plan::to_json(plan);
  });
  std::printf("{\"entries\":%zu,\"ops\":%zu,\"errors\":%zu,\"plan_bytes\":%zu", p->entries.size(), plan.ops.size(),
              sink.errors, json.size());
  for (const auto& [name, ph] : {std::pair{"load", load}, std::pair{"check", check}, std::pair{"compile", compile}}) {
    std::printf(",\"%s_s\":%.3f,\"%s_cpu_s\":%.3f,\"%s_peak_mib\":%.0f", name, ph.wall, name, ph.cpu, name, ph.peak);
  }
  std::printf("}\n");
  return 0;
}
