// peering-dead-export: with ACLs denying by default, a service exported to a
// peer that no intention lets any caller from that peer reach.
#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

// Whether one of the `intentions` entries lets callers from `peer` reach
// `service`; an entry with errors counts as one that might.
bool reachable(const Project& p, const std::vector<std::size_t>& intentions, std::string_view service,
               const PeerName& peer) {
  for (const std::size_t k : intentions) {
    const Json& e = p.entries()[k];
    const std::string_view dest = field(entry_of(e), "Name");
    if (service != "*" && dest != service && dest != "*") continue;
    if (has_errors(e)) return true;
    for (const Json& s : list(entry_of(e), "Sources")) {
      if (allows(s) && covers(p, s, peer)) return true;
    }
  }
  return false;
}

}  // namespace

void DeadExport::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& es = p.entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    if (field(es[i], "kind") != "exported-services" || has_errors(es[i])) continue;
    const std::string ref = Project::ref_of(es[i]);
    const Json* cluster = p.cluster(field(es[i], "cluster"));
    if (!cluster || p.effective(ref, "exported-services", field(es[i], "name")) != i) continue;
    if (default_policy(*cluster) != "deny") continue;
    const std::vector<std::size_t> intentions = p.effective(ref, "service-intentions");
    const Json& services = list(entry_of(es[i]), "Services");
    for (std::size_t s = 0; s < services.size(); ++s) {
      const std::string_view service = field(services[s], "Name");
      const Json& consumers = list(services[s], "Consumers");
      for (std::size_t c = 0; c < consumers.size(); ++c) {
        const PeerName* peer = p.peer(ref, field(consumers[c], "Peer"));
        if (service.empty() || !peer || reachable(p, intentions, service, *peer)) continue;
        out.report(at(at(Project::entry_path(i) + ".Services", s) + ".Consumers", c) + ".Peer",
                   "'" + std::string(service) + "' is exported to peer '" + peer->name +
                       "' but no intention lets callers from there reach it")
            .detail("ACLs in cluster '" + std::string(field(*cluster, "name")) +
                    "' deny by default, so intentions do too: without an intention allowing a source with Peer = '" +
                    peer->name + "', every call from that peer is refused. Add one to the service-intentions entry "
                    "of '" + std::string(service) + "', or stop exporting it to this peer.");
      }
    }
  }
}

}  // namespace peering
