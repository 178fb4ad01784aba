// acl-unknown-key: keys Consul's decoder silently ignores (consul#11352):
// a misspelt rule type grants nothing, a misspelt 'policy' leaves none.
#include <string_view>
#include <vector>

#include "policy.hpp"
#include "rules.hpp"
#include "suggest.hpp"

namespace acl::lint {

void UnknownKey::check(const Document& doc, Reporter& out) const {
  const Policy& p = parse(doc);
  for (const acl::UnknownKey& u : p.unknown) {
    if (!u.in) {
      std::vector<std::string_view> names;
      std::string list;
      for (const TypeInfo& ti : types()) {
        names.push_back(ti.name);
        list += (list.empty() ? "" : ", ") + std::string(ti.name);
      }
      if (doc.enterprise()) {
        for (const std::string_view e : {"namespace", "namespace_prefix", "partition", "partition_prefix"}) {
          names.push_back(e);
        }
      }
      std::string summary = "unknown rule type '" + u.key + "'";
      std::string detail = "Consul silently ignores keys it does not know, so this grants nothing.";
      if (auto m = suggest::closest(u.key, names)) {
        summary += "; did you mean '" + *m + "'?";
      } else {
        detail += " The rule types are " + list + ".";
      }
      out.report(u.path, std::move(summary)).at_key().detail(std::move(detail));
      continue;
    }
    const TypeInfo& ti = info(*u.in);
    const acl::Rule& r = p.of(*u.in)[*u.rule];
    const std::string what = describe(r.type, r.name);
    if (!ti.has_intentions && lower(u.key) == "intentions") {
      out.report(u.path, "'intentions' only applies to service and service_prefix rules")
          .at_key()
          .detail("Consul ignores it in " + what + ": intention permissions come from service rules. Move it to "
                  "the service rule of the intentions' destination.");
      continue;
    }
    std::vector<std::string_view> keys = {"policy"};
    if (ti.has_intentions) keys.push_back("intentions");
    std::string summary = "unknown key '" + u.key + "' in " + what;
    if (auto m = suggest::closest(u.key, keys)) summary += "; did you mean '" + *m + "'?";
    std::string detail = r.policy.present ? "Consul ignores it silently."
                                          : "Consul ignores it, so the rule has no policy and Consul rejects the "
                                            "whole policy (acl-invalid-policy).";
    detail += ti.has_intentions ? " A " + std::string(ti.name) + " rule takes policy and intentions."
                                : " A " + std::string(ti.name) + " rule takes only policy.";
    out.report(u.path, std::move(summary)).at_key().detail(std::move(detail));
  }
}

}  // namespace acl::lint
