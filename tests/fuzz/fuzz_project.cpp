// libFuzzer target: the project (topology) file reader, the project loader
// with its entry files linted, the project-wide rules and, when the project
// is clean, the plan compiler. The input is the project file; the entry
// files it may name are the seed sample's, copied next to it once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "entryc/plan.hpp"
#include "entryc/project.hpp"
#include "fuzz_common.hpp"
#include "fuzz_host.hpp"

namespace {

using namespace entryc;
namespace fs = std::filesystem;

// The seed sample's cluster folders beside the fuzzed project file, so that
// mutated `entries` globs find real files.
void copy_seed_once() {
  static const bool done = [] {
    const char* seed = std::getenv("ENTRYC_FUZZ_PROJECT_SEED");
    if (seed != nullptr && fs::is_directory(seed)) {
      fs::copy(seed, fuzz::scratch_dir(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
    return true;
  }();
  (void)done;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  copy_seed_once();
  const std::string path =
      fuzz::write_scratch("fuzzed-project.hcl", {reinterpret_cast<const char*>(data), size});
  SourceManager sm;
  fuzz::CheckingSink sink;
  project::LoadOptions o;
  std::optional<project::Project> p = project::load_project(sm, path, fuzz::host(), o, sink);
  if (!p) return 0;
  project::check_project(*p, fuzz::host(), o.config, sink);
  if (sink.errors == 0) {
    const plan::Plan plan = plan::compile(*p, fuzz::host(), nullptr);
    // Deterministic: the same project compiles to the same plan.
    if (plan::to_json(plan) != plan::to_json(plan::compile(*p, fuzz::host(), nullptr))) std::abort();
  }
  return 0;
}
