// A well-formed third-party plugin: one warning on service-intentions
// entries named "legacy".
#include "entryc/plugin_sdk.hpp"

namespace {
class NoLegacy final : public entryc::sdk::Rule {
 public:
  void check(const entryc::sdk::Document& doc, entryc::sdk::Reporter& out) const override {
    if (doc.json.value("Name", "") == "legacy") out.report("Name", "the 'legacy' service is being retired");
  }
};
}  // namespace

ENTRYC_RULES_PLUGIN("extra", "1.2.3", nullptr,
                    ENTRYC_RULE(NoLegacy, "extra-no-legacy", warning, "recommended", "service-intentions exported-services",
                                "entries for the retired 'legacy' service", "# extra-no-legacy\n\nTest plugin.\n"))
