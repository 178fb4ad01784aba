// intentions-name-required (I1): the entry names no destination service.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void NameRequired::check(const Document& doc, Reporter& out) const {
  if (!field(doc.json, "Name").empty()) return;
  out.report("Name", "service-intentions entry has no 'Name'")
      .detail(
          "Name is the destination service these intentions protect, or '*' for every service; Consul rejects "
          "the entry without it. Set Name = \"<service>\".")
      .consul("Name is required")
      .order(order::entry(1));
}

}  // namespace intentions
