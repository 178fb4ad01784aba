// libFuzzer target: every reader of saved state.
//  - `plan --state FILE` (plan::load_state) and a backend's snapshot
//    (plan::state_from_json) get the whole input;
//  - the runtime's state directory gets the bytes before the first NUL as
//    runtime.json and the rest as runtime.journal.
// A state that loads must survive a round trip through to_state().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "entryc/plan.hpp"
#include "fuzz_common.hpp"
#include "store.hpp"

namespace {

using namespace entryc;

// Two clusters with ACLs on, each with a few services: enough for every kind
// of resource a state file holds to refer to something real.
const plan::Json& topology() {
  static const plan::Json t = [] {
    plan::Json clusters = plan::Json::array();
    for (const char* name : {"cluster-01", "cluster-02"}) {
      clusters.push_back({{"name", name},
                          {"datacenter", std::string("dc-") + name},
                          {"region", ""},
                          {"consul_version", "1.17.1"},
                          {"edition", "ce"},
                          {"acl", {{"enabled", true}, {"default_policy", "deny"}}},
                          {"partitions", plan::Json::array({{{"name", "default"},
                                                             {"namespaces", plan::Json::array()},
                                                             {"services", {"frontend-service", "backend-service"}},
                                                             {"entries", plan::Json::array()},
                                                             {"tokens", plan::Json::array()},
                                                             {"policies", plan::Json::array()}}})}});
    }
    return plan::Json{{"clusters", clusters},
                      {"peerings", plan::Json::array()},
                      {"sameness_groups", plan::Json::array()},
                      {"entries", plan::Json::array()}};
  }();
  return t;
}

void runtime_store(std::string_view state, std::string_view journal) {
  const std::string dir = fuzz::scratch_dir() + "/state";
  static const bool made = [&] {
    std::filesystem::create_directories(dir);
    return true;
  }();
  (void)made;
  fuzz::write_scratch("state/runtime.json", state);
  fuzz::write_scratch("state/runtime.journal", journal);
  runtime::World world(topology());
  try {
    runtime::Store store(dir, false);
    store.load(world);
  } catch (const runtime::Error&) {
    return;  // a clear error is the right answer to a broken state
  }
  const plan::Json saved = world.to_state();
  runtime::World again(topology());
  again.load_state(saved);  // throws (and so fails the run) if what we wrote cannot be read back
  if (again.to_state() != saved) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    SourceManager sm;
    fuzz::CheckingSink sink;
    const std::optional<plan::State> st = plan::load_state(sm, fuzz::write_scratch("state.json", text), sink);
    if (!st && sink.errors == 0) std::abort();  // refused without saying why
  }
  {
    const plan::Json j = plan::Json::parse(text, nullptr, false);
    std::string error;
    if (!plan::state_from_json(j, error) && error.empty()) std::abort();
  }
  const std::size_t nul = text.find('\0');
  runtime_store(text.substr(0, nul), nul == std::string_view::npos ? std::string_view{} : text.substr(nul + 1));
  return 0;
}
