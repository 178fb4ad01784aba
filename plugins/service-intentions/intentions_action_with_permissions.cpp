// intentions-action-with-permissions (S19): both Action and Permissions.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void ActionWithPermissions::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (s.permissions().empty() || s.action.empty()) continue;
    auto r = out.report(s.path(".Action"), "source sets both 'Action' and 'Permissions'");
    r.detail(
         "With Permissions the source is an L7 intention: each permission carries its own Action, and a "
         "request that matches none gets the default intention policy. Remove the source's Action; to set a "
         "fallback, add a last permission with HTTP { PathPrefix = \"/\" }.")
        .consul(s.consul(".Action must be omitted if Permissions are specified"))
        .order(order::source(s.sorted, order::kActionWithPermissions));
    renumber_note(r, s);
  }
}

}  // namespace intentions
