// intentions-permission-action-invalid (P1): a permission whose Action is
// not exactly 'allow' or 'deny'.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PermissionActionInvalid::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const std::string action = field(perms[j], "Action");
      if (valid_action(action)) continue;
      auto r = out.report(s.perm(j, ".Action"), action.empty()
                                                    ? std::string("permission has no 'Action'")
                                                    : "permission Action " + q(action) + " is not 'allow' or 'deny'");
      r.detail(
           "Each permission decides the requests it matches with Action = \"allow\" or \"deny\" (lowercase); "
           "Consul rejects any other value.")
          .consul(s.consul_perm(j, ".Action must be set to 'allow' or 'deny'"))
          .order(order::permission(s.sorted, j, order::kPermAction));
      renumber_note(r, s);
    }
  }
}

}  // namespace intentions
