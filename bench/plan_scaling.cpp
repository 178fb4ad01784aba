// Plan compile time for one project, by phase: reading and linting every
// entry file (load_project), the project-wide rules (check_project), and
// compiling the plan. Prints one JSON line.
//
//   entryc-bench-plan PROJECT-FILE
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
  auto t = std::chrono::steady_clock::now();
  std::optional<entryc::project::Project> p = entryc::project::load_project(sm, argv[1], host, lo, sink);
  const double load = since(t);
  if (!p) return 1;
  t = std::chrono::steady_clock::now();
  entryc::project::check_project(*p, host, lo.config, sink);
  const double check = since(t);
  t = std::chrono::steady_clock::now();
  const entryc::plan::Plan plan = entryc::plan::compile(*p, host, nullptr);
  const std::string json = entryc::plan::to_json(plan);
  const double compile = since(t);
  std::printf("{\"entries\":%zu,\"ops\":%zu,\"errors\":%zu,\"load_s\":%.3f,\"check_s\":%.3f,\"compile_s\":%.3f,"
              "\"plan_bytes\":%zu}\n",
              p->entries.size(), plan.ops.size(), sink.errors, load, check, compile, json.size());
  return 0;
}
