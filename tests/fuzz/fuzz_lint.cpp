// libFuzzer target: decoding like Consul and every rule plugin, really loaded
// from lib/entryc/plugins next to the fuzzer (bin/../lib/entryc/plugins).
// The first byte picks the forced kind, the edition and the file extension;
// the rest is the file. A plugin that throws becomes core-plugin-failure,
// which is a bug here: rules must not throw on any decoded input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "entryc/lint.hpp"
#include "fuzz_common.hpp"
#include "fuzz_host.hpp"

namespace {

using namespace entryc;

class RuleSink final : public diag::Sink {
 public:
  void report(diag::Diagnostic d) override {
    if (d.code.empty() || d.summary.empty()) std::abort();
    if (d.code == "core-plugin-failure") std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kinds[] = {"", "exported-services", "service-intentions", lint::kAclRules};
  const std::uint8_t mode = data[0];
  lint::Options o;
  o.forced_kind = kinds[mode & 3];
  o.config.edition = (mode & 4) != 0 ? consul::Edition::ent : consul::Edition::ce;
  o.config.preset = "all";
  if ((mode & 16) != 0) o.plugin_options = R"({"peers": ["cluster-02", "dc2"]})";
  const lint::Linter linter(fuzz::host(), o);
  SourceManager sm;
  const FileId id = sm.add((mode & 8) != 0 ? "fuzz.json" : "fuzz.hcl",
                           std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  RuleSink sink;
  lint::Analysis analysis;
  linter.lint(sm, id, sink, &analysis);
  return 0;
}
