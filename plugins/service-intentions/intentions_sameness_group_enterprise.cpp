// intentions-sameness-group-enterprise (S2): CE rejects sameness-group sources.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void SamenessGroupEnterprise::check(const Document& doc, Reporter& out) const {
  if (doc.enterprise()) return;
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (s.sameness_group.empty()) continue;
    auto r = out.report(s.path(".SamenessGroup"), "sameness groups are a Consul Enterprise feature");
    r.detail(
         "Consul CE rejects a source with 'SamenessGroup'. Write one source per peer with 'Peer' instead, or "
         "lint with --edition ent for an Enterprise cluster.")
        // Consul's format string ends in a space: "Sources[%d].SamenessGroup: %v ".
        .consul(s.consul(".SamenessGroup: Sameness groups are a Consul Enterprise feature. "))
        .order(order::source(s.sorted, order::kSamenessEnterprise));
    renumber_note(r, s);
  }
}

}  // namespace intentions
