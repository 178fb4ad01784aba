// intentions-permissions-wildcard-destination (S20): L7 permissions on an
// entry whose destination is '*' (or the namespace '*').
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PermissionsWildcardDestination::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  if (!e.wildcard_destination()) return;
  for (const Source& s : e.sources) {
    if (s.permissions().empty()) continue;
    auto r = out.report(s.path(".Permissions"), "L7 permissions on the wildcard destination '*'");
    r.detail(
         "Permissions match HTTP requests, which needs one destination whose protocol is known, so Consul "
         "allows them only when the entry names a service. Move the permissions to an entry for each "
         "destination service, and give this source an Action.")
        .consul(s.consul(".Permissions cannot be specified on intentions with wildcarded destinations"))
        .order(order::source(s.sorted, order::kPermissionsWildcard));
    renumber_note(r, s, "the destination is '*' here", e.name == kWildcard ? "Name" : "Namespace");
  }
}

}  // namespace intentions
