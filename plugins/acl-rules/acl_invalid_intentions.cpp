// acl-invalid-intentions: "Invalid service[_prefix] intentions policy".
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

void InvalidIntentions::check(const Document& doc, Reporter& out) const {
  for (const Violation& v : validate(doc)) {
    if (v.fault != Fault::invalid_intentions) continue;
    const acl::Rule& r = *v.rule;
    const std::string l = lower(r.intentions.text);
    std::string detail =
        "Consul rejects the whole policy. intentions takes read, write or deny: the access to the intentions whose "
        "destination is this service";
    if (l == "allow") {
      detail += ", not an intention action (allow/deny belong in service-intentions entries).";
    } else if (l == "list") {
      detail += "; 'list' exists only for key rules.";
    } else {
      detail += ".";
    }
    out.report(r.path(r.intentions),
               "'" + r.intentions.text + "' is not a valid intentions level for " + describe(r.type, r.name))
        .detail(std::move(detail))
        .consul(v.consul)
        .order(v.order);
  }
}

}  // namespace acl::lint
