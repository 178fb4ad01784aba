// A plugin whose rule throws: the host reports core-plugin-failure and the
// other plugins' findings are still reported.
#include <stdexcept>

#include "entryc/plugin_sdk.hpp"

namespace {
class Throws final : public entryc::sdk::Rule {
 public:
  void check(const entryc::sdk::Document&, entryc::sdk::Reporter&) const override {
    throw std::runtime_error("deliberate failure for the test");
  }
};
}  // namespace

ENTRYC_RULES_PLUGIN("throwing", "0.0.1", nullptr,
                    ENTRYC_RULE(Throws, "test-throws", error, "recommended", "exported-services",
                                "always throws", "# test-throws\n"))
