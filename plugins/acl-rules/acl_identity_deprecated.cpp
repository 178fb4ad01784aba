// acl-identity-deprecated: identity/identity_prefix rules are decoded and
// discarded: they grant nothing.
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

void IdentityDeprecated::check(const Document& doc, Reporter& out) const {
  const Policy& p = parse(doc);
  for (const auto& [path, key] : p.identity) {
    out.report(path, "'" + key + "' rules are deprecated and ignored")
        .at_key()
        .detail("Consul accepts identity and identity_prefix blocks and then discards them: they grant nothing. "
                "Use service or service_prefix rules for the workload's permissions.");
  }
}

}  // namespace acl::lint
