// An out-of-tree entryc rule plugin (docs/plugin-sdk.md, "Building outside
// the entryc tree"): one rule, acme-no-legacy-source, a warning for an
// intention that still lets a "legacy-" service call in.
#include <cstddef>
#include <string>

#include "entryc/plugin_sdk.hpp"

namespace {

using entryc::sdk::Json;

class NoLegacySource final : public entryc::sdk::Rule {
 public:
  void check(const entryc::sdk::Document& doc, entryc::sdk::Reporter& out) const override {
    const Json sources = doc.json.value("Sources", Json::array());
    for (std::size_t i = 0; i < sources.size(); ++i) {
      const std::string name = sources[i].value("Name", "");
      if (name.rfind("legacy-", 0) != 0) continue;
      out.report("Sources[" + std::to_string(i) + "].Name", "source '" + name + "' is a retired legacy service")
          .detail("ACME retires every legacy- service this year. Remove the source, or name its replacement.");
    }
  }
};

constexpr const char* kDocNoLegacySource =
    "# acme-no-legacy-source\n\n"
    "An intention source names a service whose name starts with `legacy-`.\n\n"
    "```hcl\nKind = \"service-intentions\"\nName = \"billing\"\n"
    "Sources = [{ Name = \"legacy-billing\", Action = \"allow\" }]\n```\n\n"
    "Why: legacy services are being retired. How to fix: remove the source or name its replacement.\n";

}  // namespace

ENTRYC_RULES_PLUGIN("acme-rules", "1.0.0", /*normalize=*/nullptr,
                    ENTRYC_RULE(NoLegacySource, "acme-no-legacy-source", warning, "recommended", "service-intentions",
                                "an intention source is a retired legacy service", kDocNoLegacySource))
