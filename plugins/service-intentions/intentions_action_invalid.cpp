// intentions-action-invalid (S18): an L4 source whose Action is not exactly
// 'allow' or 'deny' (a legacy write needs it even with Permissions).
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void ActionInvalid::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const bool l7 = !s.permissions().empty();
    if ((l7 && !e.legacy) || valid_action(s.action)) continue;
    std::string summary, detail;
    if (s.action.empty()) {
      summary = l7 ? "a legacy intention needs 'Action' even with 'Permissions'" : "source has no 'Action'";
      detail =
          "A source without Permissions is an L4 intention: Consul requires Action = \"allow\" or "
          "\"deny\". Add one, or give the source Permissions for L7 rules.";
    } else {
      summary = "source Action " + q(s.action) + " is not 'allow' or 'deny'";
      detail = "Consul compares Action case-sensitively and accepts only 'allow' and 'deny'.";
    }
    auto r = out.report(s.path(".Action"), summary);
    r.detail(detail)
        .consul(s.consul(".Action must be set to 'allow' or 'deny'"))
        .order(order::source(s.sorted, order::kAction));
    renumber_note(r, s);
  }
}

}  // namespace intentions
