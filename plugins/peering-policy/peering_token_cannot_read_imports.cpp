// peering-token-cannot-read-imports: with ACLs on, the token of a service
// that calls a peer's services cannot read what its partition imports
// (service:write on some service, or service:read and node:read on all).
#include <set>

#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

bool reads_imports(const Grants& g, std::string_view default_policy) {
  // §4.5: peered data is readable with ServiceWriteAny, else ServiceReadAll and NodeReadAll.
  if (g.service_write_any() == Decision::allow) return true;
  return allowed(g.service_read_all(), default_policy) && allowed(g.node_read_all(), default_policy);
}

}  // namespace

void TokenCannotReadImports::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  std::set<std::string> checked;  // tokens, by path
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view caller = field(r.obj, "Name");
    const PeerName* peer = p.peer(r.ref, field(r.obj, "Peer"));
    if (!r.source || !peer || caller.empty() || caller == "*" || !allows(r.obj)) return;
    if (has_errors(p.entries()[r.entry], r.item)) return;
    const Json* cluster = p.cluster(peer->remote.substr(0, peer->remote.find('/')));
    const Json* part = p.partition(peer->remote);
    const std::optional<std::string> part_path = p.partition_path(peer->remote);
    if (!cluster || !part || !part_path || !acl_enabled(*cluster)) return;
    const Json& tokens = list(*part, "tokens");
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      if (field(tokens[t], "name") != caller) continue;
      const std::string path = at(*part_path + ".tokens", t) + ".policies";
      if (!checked.insert(path).second) continue;
      const std::optional<Grants> g = grants_of(p, peer->remote, tokens[t]);
      if (!g || reads_imports(*g, default_policy(*cluster))) continue;
      const std::string name(caller);
      out.report(path, "the token of '" + name + "' cannot read the services '" + peer->remote + "' imports")
          .detail("'" + name + "' calls services of its peer '" + other_side(p, *peer).name +
                  "', so its sidecar must read imported services: that takes service:write on some service, or "
                  "service:read and node:read on all of them. Give the token service \"" + name +
                  "\" { policy = \"write\" } or the service identity '" + name + "'.")
          .note("an intention in '" + r.ref + "' lets '" + name + "' call from there", r.path() + ".Peer");
    }
  });
}

}  // namespace peering
