// peering-intention-not-exported: an intention allows callers from a peer to
// reach a service that its partition does not export to that peer.
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void IntentionNotExported::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& es = p.entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    if (field(es[i], "kind") != "service-intentions") continue;
    const std::string ref = Project::ref_of(es[i]);
    const std::string_view service = field(entry_of(es[i]), "Name");
    const std::optional<std::size_t> exports = p.effective(ref, "exported-services", field(es[i], "partition"));
    if (service.empty() || (exports && has_errors(es[*exports]))) continue;
    const Json& sources = list(entry_of(es[i]), "Sources");
    for (std::size_t j = 0; j < sources.size(); ++j) {
      const PeerName* peer = p.peer(ref, field(sources[j], "Peer"));
      if (!peer || has_errors(es[i], at("Sources", j)) || !allows(sources[j]) || wrong_side(p, ref, service, *peer)) {
        continue;
      }
      if (exports && exports_to(p, entry_of(es[*exports]), service, *peer)) continue;
      const std::string what = service == "*" ? "'" + ref + "' exports nothing" : "'" + std::string(service) + "' is not exported";
      Report r = out.report(at(Project::entry_path(i) + ".Sources", j) + ".Peer",
                            what + " to peer '" + peer->name + "', so this intention never applies");
      r.detail("Callers in a peer can only reach the services their peer exports to them. Export '" +
               std::string(service) + "' from '" + ref + "' with a consumer Peer = '" + peer->name +
               "', or remove this source.");
      if (exports) r.note("the exported-services entry of '" + ref + "'", Project::entry_path(*exports) + ".Services");
    }
  }
}

}  // namespace peering
