// peering-peer-not-established: a consumer or source names a peer that is a
// peering of another partition of the project, not of the entry's own.
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void PeerNotEstablished::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view peer = field(r.obj, "Peer");
    if (peer.empty() || p.peer(r.ref, peer)) return;
    const PeerName* elsewhere = nullptr;
    for (const PeerName& n : p.peer_names()) {
      if (n.name == peer) {
        elsewhere = &n;
        break;
      }
    }
    if (!elsewhere) return;
    // No did-you-mean: a name of another partition's peering is rarely a typo of one of ours.
    out.report(r.path + ".Peer",
               "peer '" + std::string(peer) + "' is a peering of '" + elsewhere->local + "', not of '" + r.ref + "'")
        .detail("Peer names are local: each partition names its peers when a peering is made, and only its own "
                "names mean anything in its entries. Peer '" + elsewhere->remote + "' with '" + r.ref +
                "' first, or use one of the names '" + r.ref + "' gave its peers.")
        .note("the peering that gives this name to '" + elsewhere->local + "'", elsewhere->path());
  });
}

}  // namespace peering
