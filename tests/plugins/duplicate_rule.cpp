// A plugin that claims a rule id another plugin already has.
#include "entryc/plugin_sdk.hpp"

namespace {
class Nothing final : public entryc::sdk::Rule {
 public:
  void check(const entryc::sdk::Document&, entryc::sdk::Reporter&) const override {}
};
}  // namespace

ENTRYC_RULES_PLUGIN("duplicate", "0.0.1", nullptr,
                    ENTRYC_RULE(Nothing, "exports-wildcard-peer", error, "recommended", "exported-services",
                                "a second definition", "# exports-wildcard-peer\n"))
