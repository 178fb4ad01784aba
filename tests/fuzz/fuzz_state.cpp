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
#include "fuzz_topology.hpp"
#include "store.hpp"

namespace {

using namespace entryc;

void runtime_store(std::string_view state, std::string_view journal) {
  static const std::string dir = [] {
    std::string d = fuzz::scratch_dir() + "/state";
    std::filesystem::create_directories(d);
    return d;
  }();
  fuzz::write_scratch("state/runtime.json", state);
  fuzz::write_scratch("state/runtime.journal", journal);
  runtime::World world(fuzz::two_clusters());
  try {
    runtime::Store store(dir, false);
    store.load(world);
  } catch (const runtime::Error&) {
    return;  // a clear error is the right answer to a broken state
  }
  const plan::Json saved = world.to_state();
  runtime::World again(fuzz::two_clusters());
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
