// peering-unknown-peer: a consumer or source names a peer that no peering of
// the project gives that name (a name used elsewhere is
// peering-peer-not-established).
#include "project.hpp"
#include "rules.hpp"
#include "suggest.hpp"

namespace peering {

void UnknownPeer::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view peer = field(r.obj, "Peer");
    if (peer.empty() || peer.find('*') != std::string_view::npos || p.peer(r.ref, peer)) return;
    for (const PeerName& n : p.peer_names()) {
      if (n.name == peer) return;  // established elsewhere
    }
    const std::vector<std::string> names = p.peer_names_of(r.ref);
    std::string summary = "no peering of '" + r.ref + "' is named '" + std::string(peer) + "'";
    if (auto m = suggest::closest(peer, names)) summary += "; did you mean '" + *m + "'?";
    std::string list_of;
    for (const std::string& n : names) list_of += (list_of.empty() ? "'" : ", '") + n + "'";
    out.report(r.path + ".Peer", std::move(summary))
        .detail(names.empty()
                    ? "'" + r.ref + "' takes part in no peering of the project. Declare the peering in the project "
                          "file (peering \"...\" { acceptor, dialer }), or remove this reference."
                    : "A peer name is the local name this partition gave the peering when it was made; '" + r.ref +
                          "' calls its peers " + list_of + ".");
  });
}

}  // namespace peering
