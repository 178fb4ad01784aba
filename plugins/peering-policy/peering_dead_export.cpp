// peering-dead-export: with ACLs denying by default, a service exported to a
// peer that no intention lets any caller from that peer reach.
#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

// Whether one of the `intentions` entries lets callers from `peer` reach
// `service`; a source for the peer with errors (or an entry with errors
// outside its sources) counts as one that might.
bool reachable(const Project& p, const std::vector<std::size_t>& intentions, std::string_view service,
               const PeerName& peer) {
  for (const std::size_t k : intentions) {
    const Json& e = p.entries()[k];
    const std::string_view dest = field(entry_of(e), "Name");
    if (service != "*" && dest != service && dest != "*") continue;
    const Json& sources = list(entry_of(e), "Sources");
    // Errors outside the sources: those that concern a source past the last.
    if (has_errors(e, at("Sources", sources.size()))) return true;
    for (std::size_t j = 0; j < sources.size(); ++j) {
      if (covers(p, sources[j], peer) && (allows(sources[j]) || has_errors(e, at("Sources", j)))) return true;
    }
  }
  return false;
}

}  // namespace

void DeadExport::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& es = p.entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    if (field(es[i], "kind") != "exported-services") continue;
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
        if (service.empty() || !peer || has_errors(es[i], at(at("Services", s) + ".Consumers", c))) continue;
        if (reachable(p, intentions, service, *peer)) continue;
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
