// intentions-peer-wildcard (S7): '*' anywhere in a source's Peer.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PeerWildcard::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (!contains_wildcard(s.peer)) continue;
    auto r = out.report(s.path(".Peer"), s.peer == kWildcard ? std::string("source Peer '*' is not supported")
                                                             : "source Peer " + q(s.peer) + " contains '*'");
    r.detail(
         "Consul matches peers by exact name only and rejects '*' anywhere in Peer. Write one source per peer, "
         "using the name this cluster gave the peering.")
        .consul(s.consul(".Peer: cannot use wildcard '*' in peer"))
        .order(order::source(s.sorted, order::kPeerWildcard));
    renumber_note(r, s);
  }
}

}  // namespace intentions
