// acl-enterprise-only: namespace/partition rules in a CE policy.
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

void EnterpriseOnly::check(const Document& doc, Reporter& out) const {
  if (doc.enterprise()) return;
  const Policy& p = parse(doc);
  for (const auto& [path, key] : p.enterprise) {
    out.report(path, "'" + key + "' rules are a Consul Enterprise feature; Consul CE ignores them")
        .at_key()
        .detail("Consul CE does not know this rule type and silently skips the whole block, so none of the rules "
                "inside it grant anything. Move them to the top level for CE, or lint with --edition ent for an "
                "Enterprise cluster.");
  }
}

}  // namespace acl::lint
