// acl-write-without-intentions: policy = "write" on a service rule without
// intentions derives intentions = "read" (§3.8), so the token cannot write
// intentions. Fired where the policy looks like one that manages
// intentions (see docs/rules/acl-write-without-intentions.md); an exact
// service rule in a plain service-identity policy (a sidecar's token) is
// left alone.
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

namespace {

bool has_intentions(const Policy& p, Type t, std::string_view name) {
  for (const acl::Rule& r : p.of(t)) {
    if (r.name == name && !r.intentions.broken && !r.intentions.text.empty()) return true;
  }
  return false;
}

// The policy grants intentions = "write" on some service rule: its author
// hands out intention write with it, so a write rule without intentions is
// likely a slip. (A grant of mesh or operator write is no such sign: a mesh
// gateway's token has mesh = "write" and its own service rule, and needs no
// intentions.)
bool manages_intentions(const Policy& p) {
  for (const Type t : {Type::service, Type::service_prefix}) {
    for (const acl::Rule& r : p.of(t)) {
      if (!r.intentions.broken && lower(r.intentions.text) == "write") return true;
    }
  }
  return false;
}

}  // namespace

void WriteWithoutIntentions::check(const Document& doc, Reporter& out) const {
  const Policy& p = parse(doc);
  const bool manages = manages_intentions(p);
  for (const Type t : {Type::service, Type::service_prefix}) {
    for (const acl::Rule& r : p.of(t)) {
      // Exactly "write": a 'WRITE' derives intentions deny (acl-mixed-case-level says so).
      if (!r.labelled || r.policy.broken || r.policy.text != "write") continue;
      if (t == Type::service && !manages) continue;
      if (has_intentions(p, t, r.name)) continue;
      const std::string what = describe(t, r.name);
      const std::string name(r.name);
      const std::string target = t == Type::service ? "'" + name + "'"
                                 : name.empty()     ? "any service"
                                                    : "services starting with '" + name + "'";
      out.report(r.path(r.policy), "policy '" + r.policy.text + "' on " + what + " does not allow writing intentions")
          .detail("Consul derives intentions = \"read\" from policy = \"write\": the token can register " + target +
                  " but cannot create or change intentions whose destination is " + target +
                  ". Add intentions = \"write\" if it must manage them, or intentions = \"read\" to make the choice "
                  "explicit.");
    }
  }
}

}  // namespace acl::lint
