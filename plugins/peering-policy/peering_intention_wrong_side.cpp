// peering-intention-wrong-side: an intention written in the caller's cluster
// for a service that runs in the peer's.
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void IntentionWrongSide::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& es = p.entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    if (field(es[i], "kind") != "service-intentions") continue;
    const std::string ref = Project::ref_of(es[i]);
    const std::string_view service = field(entry_of(es[i]), "Name");
    const Json& sources = list(entry_of(es[i]), "Sources");
    for (std::size_t j = 0; j < sources.size(); ++j) {
      const PeerName* peer = p.peer(ref, field(sources[j], "Peer"));
      if (!peer || has_errors(es[i], at("Sources", j)) || !wrong_side(p, ref, service, *peer)) continue;
      const PeerName& back = other_side(p, *peer);
      out.report(Project::entry_path(i) + ".Name", "'" + std::string(service) + "' runs in '" + peer->remote +
                                                       "', not in '" + ref + "': this intention is on the wrong side")
          .detail("Intentions are enforced by the destination's sidecar, in the destination's cluster. Write this "
                  "entry in '" + peer->remote + "' and name the caller there with Peer = '" + back.name +
                  "', the name '" + peer->remote + "' gives '" + ref + "'.")
          .note("the source that comes from '" + peer->remote + "'", at(Project::entry_path(i) + ".Sources", j) + ".Peer");
      break;
    }
  }
}

}  // namespace peering
