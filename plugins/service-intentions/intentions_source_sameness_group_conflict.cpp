// intentions-source-sameness-group-conflict (S11, S12; Enterprise): a
// sameness-group source that also names a partition or a peer. (In CE every
// sameness group is rejected first, S2.)
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void SourceSamenessGroupConflict::check(const Document& doc, Reporter& out) const {
  if (!doc.enterprise()) return;
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (s.sameness_group.empty()) continue;
    if (!s.partition_or_empty.empty()) {
      auto r = out.report(s.path(".SamenessGroup"), "source sets both 'SamenessGroup' and 'Partition'");
      r.detail(
           "A sameness group already says which partitions and peers it covers, so Consul rejects a source "
           "that also sets Partition. Keep one of them.")
          .consul(s.consul(".SamenessGroup: cannot set SamenessGroup and Partition at the same time"))
          .order(order::source(s.sorted, order::kSamenessAndPartition));
      renumber_note(r, s, "'Partition' is set here", s.path(".Partition"));
    }
    if (!s.peer.empty()) {
      auto r = out.report(s.path(".SamenessGroup"), "source sets both 'SamenessGroup' and 'Peer'");
      r.detail(
           "A sameness group already says which partitions and peers it covers, so Consul rejects a source "
           "that also sets Peer. Keep one of them: a source per peer, or the sameness group.")
          .consul(s.consul(".SamenessGroup: cannot set SamenessGroup and Peer at the same time"))
          .order(order::source(s.sorted, order::kSamenessAndPeer));
      renumber_note(r, s, "'Peer' is set here", s.path(".Peer"));
    }
  }
}

}  // namespace intentions
