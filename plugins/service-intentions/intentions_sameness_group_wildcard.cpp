// intentions-sameness-group-wildcard (S8; Enterprise): '*' in a source's
// SamenessGroup. (In CE every sameness group is rejected first, S2.)
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void SamenessGroupWildcard::check(const Document& doc, Reporter& out) const {
  if (!doc.enterprise()) return;
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (!contains_wildcard(s.sameness_group)) continue;
    auto r =
        out.report(s.path(".SamenessGroup"), s.sameness_group == kWildcard
                                                 ? std::string("source SamenessGroup '*' is not supported")
                                                 : "source SamenessGroup " + q(s.sameness_group) + " contains '*'");
    r.detail(
         "Consul matches sameness groups by exact name only and rejects '*' anywhere in SamenessGroup. Write "
         "one source per sameness group.")
        .consul(s.consul(".SamenessGroup: cannot use wildcard '*' in sameness group"))
        .order(order::source(s.sorted, order::kSamenessWildcard));
    renumber_note(r, s);
  }
}

}  // namespace intentions
