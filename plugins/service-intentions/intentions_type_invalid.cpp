// intentions-type-invalid (S21): a source Type other than 'consul'.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void TypeInvalid::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (s.type == "consul") continue;
    auto r = out.report(s.path(".Type"), "source Type " + q(s.type) + " is not 'consul'");
    r.detail(
         "'consul' is the only source type, and the default when Type is omitted; Consul rejects any other "
         "value. Remove Type.")
        .consul(s.consul(".Type must be set to 'consul'"))
        .order(order::source(s.sorted, order::kType));
    renumber_note(r, s);
  }
}

}  // namespace intentions
