// acl-invalid-policy: PolicyRules.Validate's "Invalid <type> policy" for a
// level the type does not accept ('list' has its own rule).
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

namespace {

std::string levels(const TypeInfo& ti) {
  return ti.allows_list ? "read, list, write or deny" : "read, write or deny";
}

}  // namespace

void InvalidPolicy::check(const Document& doc, Reporter& out) const {
  for (const Violation& v : validate(doc)) {
    if (v.fault != Fault::invalid_policy) continue;
    const TypeInfo& ti = info(v.type);
    if (v.scalar) {
      const Level& l = v.scalar->level;
      out.report(v.scalar->path(), "'" + l.text + "' is not a valid level for '" + std::string(ti.name) + "'")
          .detail("Consul rejects the whole policy. '" + std::string(ti.name) + "' takes " + levels(ti) +
                  " (in any case), or \"\" for no rule.")
          .consul(v.consul)
          .order(v.order);
      continue;
    }
    const acl::Rule& r = *v.rule;
    const std::string what = describe(r.type, r.name);
    if (!r.labelled) {
      out.report(r.label(), "'" + std::string(r.type_key) + "' block has no name: '" + std::string(r.name) +
                                "' is read as a rule for " + what +
                                (r.policy.present ? " with the policy '" + r.policy.text + "'" : " without a policy"))
          .at_key()
          .detail(
              "HashiCorp's decoder reads each attribute of an unlabelled block as a rule named after the "
              "attribute, and Consul rejects this one. Put the name in the block header: " +
              std::string(ti.name) + " \"<name>\" { policy = \"read\" }.")
          .consul(v.consul)
          .order(v.order);
    } else if (!r.policy.present) {
      out.report(r.label(), what + " has no policy")
          .at_key()
          .detail("Every " + std::string(ti.name) + " rule needs a policy (" + levels(ti) +
                  "); Consul rejects the whole policy without one.")
          .consul(v.consul)
          .order(v.order);
    } else if (r.policy.text.empty()) {
      out.report(r.path(r.policy), "the policy of " + what + " is empty")
          .detail("Consul rejects the whole policy: a " + std::string(ti.name) + " rule takes " + levels(ti) + ".")
          .consul(v.consul)
          .order(v.order);
    } else {
      out.report(r.path(r.policy), "'" + r.policy.text + "' is not a valid policy for " + what)
          .detail("Consul rejects the whole policy: a " + std::string(ti.name) + " rule takes " + levels(ti) +
                  " (in any case).")
          .consul(v.consul)
          .order(v.order);
    }
  }
}

}  // namespace acl::lint
