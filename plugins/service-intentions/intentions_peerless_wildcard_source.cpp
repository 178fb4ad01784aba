// intentions-peerless-wildcard-source: a '*' source without Peer in an entry
// that has sources for a peer with no '*' source of its own. The peer-less
// '*' matches only this cluster's services: traffic from that peer never
// matches it (§3.6, §7.14).
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

// Whether traffic can come from `peer`. In a project the host passes the
// names the entry's partition gives its peers (option "peers"): any other
// name is a typo or a peer of another partition (peering-unknown-peer,
// peering-peer-not-established say so), and no caller ever comes from it.
bool sends_traffic(const Document& doc, std::string_view peer) {
  const Json& peers = list(doc.options, "peers");
  if (!doc.options.contains("peers")) return true;  // a file alone: any name may be a peer
  for (const Json& n : peers) {
    if (n.is_string() && n.get_ref<const std::string&>() == peer) return true;
  }
  return false;
}

}  // namespace

void PeerlessWildcardSource::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  auto has_wildcard_for = [&](std::string_view peer) {
    for (const Source& s : e.sources) {
      if (s.name == kWildcard && s.peer == peer) return true;
    }
    return false;
  };
  const Source* uncovered = nullptr;  // the first source of a peer without its own '*'
  for (const Source& s : e.sources) {
    if (!s.peer.empty() && !has_wildcard_for(s.peer) && sends_traffic(doc, s.peer)) {
      uncovered = &s;
      break;
    }
  }
  if (!uncovered) return;
  for (const Source& s : e.sources) {
    if (s.name != kWildcard || !s.peer.empty() || !s.sameness_group.empty()) continue;
    out.report(s.path(".Name"), "wildcard source '*' does not match services of peers")
        .detail("A source without Peer matches only services of this cluster, so requests from peer " +
                q(uncovered->peer) +
                " skip it and fall to their own sources or to the default intention policy. If "
                "peers should get the same treatment, add a source with Name = \"*\" and the Peer for each of them.")
        .note("a source for peer " + q(uncovered->peer), uncovered->path(".Peer"));
  }
}

}  // namespace intentions
