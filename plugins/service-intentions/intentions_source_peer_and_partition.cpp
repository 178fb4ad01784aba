// intentions-source-peer-and-partition (S10; Enterprise): a source names
// both a peer and a partition.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void SourcePeerAndPartition::check(const Document& doc, Reporter& out) const {
  if (!doc.enterprise()) return;  // CE sources have no partition
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (s.peer.empty() || s.partition_or_empty.empty()) continue;
    auto r = out.report(s.path(".Peer"), "source sets both 'Peer' and 'Partition'");
    r.detail(
         "A peer's services are named by the peer alone, so Consul rejects a source that also sets Partition. "
         "Remove Partition for a peer, or Peer for a partition of this cluster.")
        .consul(s.consul(".Peer: cannot set Peer and Partition at the same time."))
        .order(order::source(s.sorted, order::kPeerAndPartition));
    renumber_note(r, s, "'Partition' is set here", s.path(".Partition"));
  }
}

}  // namespace intentions
