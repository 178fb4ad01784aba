// acl-list-not-allowed: 'list' outside key/key_prefix (isPolicyValid(_, false)).
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

void ListNotAllowed::check(const Document& doc, Reporter& out) const {
  for (const Violation& v : validate(doc)) {
    if (v.fault != Fault::list_not_allowed) continue;
    const TypeInfo& ti = info(v.type);
    const Level& l = v.scalar ? v.scalar->level : v.rule->policy;
    const std::string what = v.scalar ? "'" + std::string(ti.name) + "'" : describe(v.type, v.rule->name);
    out.report(v.scalar ? v.scalar->path() : v.rule->path(l),
               "'" + l.text + "' is only valid for key and key_prefix rules, not for " + what)
        .detail(
            "Consul rejects the whole policy. The 'list' level (list keys without reading their values) "
            "exists only for KV rules; use read (or write, deny) for " +
            std::string(ti.scalar ? "'" + std::string(ti.name) + "'" : std::string(ti.name) + " rules") + ".")
        .consul(v.consul)
        .order(v.order);
  }
}

}  // namespace acl::lint
