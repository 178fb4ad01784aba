// intentions-legacy-fields-ignored: LegacyID, LegacyCreateTime and
// LegacyUpdateTime in a config-entry write, which Normalize silently clears.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void LegacyFieldsIgnored::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  if (e.legacy) return;  // the legacy write path keeps them
  for (const Source& s : e.sources) {
    for (const char* f : {"LegacyID", "LegacyCreateTime", "LegacyUpdateTime"}) {
      const bool set = std::string_view(f) == "LegacyID" ? !field(*s.json, f).empty() : present(*s.json, f);
      if (!set) continue;
      out.report(s.path(std::string(".") + f), std::string("'") + f + "' is discarded: Consul clears it on this write")
          .detail(
              "LegacyID, LegacyCreateTime and LegacyUpdateTime are read-only fields of the legacy intentions "
              "API; a config-entry write accepts them and Consul silently drops them. Remove them from the "
              "file.")
          .at_entry();
    }
  }
}

}  // namespace intentions
