// peering-peer-not-established: a consumer or source names a peer that is a
// peering of another partition of the project, not of the entry's own.
#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

// The first side of a peering that calls its peer `name`, or nullptr.
const PeerName* named(const Project& p, std::string_view name) {
  for (const PeerName& n : p.peer_names()) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

// The name `local` gives its peering with `remote`, or nullptr.
const PeerName* name_for(const Project& p, std::string_view local, std::string_view remote) {
  for (const PeerName& n : p.peer_names()) {
    if (n.local == local && n.remote == remote) return &n;
  }
  return nullptr;
}

// How to fix it in `ref`, the partition that lacks the peering: use its own
// name for the partition the borrowed name stands for (its peer's peer, when
// `ref` used the name its peer gives it), or peer the two first.
std::string fix(const Project& p, const std::string& ref, std::string_view peer, const PeerName& elsewhere) {
  const std::string& meant = elsewhere.remote == ref ? elsewhere.local : elsewhere.remote;
  std::string out = "Peer names are local: each partition names its peers when a peering is made, and only its own "
                    "names mean anything in its entries. '" + ref + "' has no peering named '" + std::string(peer) +
                    "'";
  if (const PeerName* own = name_for(p, ref, meant)) {
    if (!valid_peer_name(own->name)) {
      return out + ": it calls '" + meant + "' '" + own->name + "', which is not a valid peer name. Fix that name in "
             "the project file, then write it here.";
    }
    return out + ": it calls '" + meant + "' '" + own->name + "', so write Peer = \"" + own->name + "\".";
  }
  return out + ". Peer '" + ref + "' with '" + meant + "' first (a peering block with both), or use one of the "
         "names '" + ref + "' gave its peers.";
}

}  // namespace

void PeerNotEstablished::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view peer = field(r.obj, "Peer");
    if (peer.empty() || p.peer(r.ref, peer)) return;
    const PeerName* elsewhere = named(p, peer);
    if (!elsewhere) return;
    // No did-you-mean: a name of another partition's peering is rarely a typo of one of ours.
    out.report(r.path() + ".Peer",
               "peer '" + std::string(peer) + "' is a peering of '" + elsewhere->local + "', not of '" + r.ref + "'")
        .detail(fix(p, r.ref, peer, *elsewhere))
        .note("the peering that gives this name to '" + elsewhere->local + "'", elsewhere->path());
  });
}

}  // namespace peering
