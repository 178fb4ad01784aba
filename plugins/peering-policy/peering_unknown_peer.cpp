// peering-unknown-peer: a consumer or source names a peer that no peering of
// the project gives that name (a name used elsewhere is
// peering-peer-not-established).
#include "project.hpp"
#include "rules.hpp"
#include "suggest.hpp"

namespace peering {
namespace {

// 'a', 'b'
std::string quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

// Which names `ref` gave its peers. Names Consul refuses
// (peering-invalid-peer-name) name no peer: they are never suggested.
std::string why(const std::string& ref, const std::vector<std::string>& valid,
                const std::vector<std::string>& invalid) {
  if (valid.empty() && invalid.empty()) {
    return "'" + ref + "' takes part in no peering of the project. Declare the peering in the project file "
           "(peering \"...\" { acceptor, dialer }), or remove this reference.";
  }
  std::string out = "A peer name is the local name this partition gave the peering when it was made";
  if (!valid.empty()) out += "; '" + ref + "' calls its peers " + quoted(valid);
  out += ".";
  if (invalid.size() == 1) {
    out += " The name " + quoted(invalid) + " that '" + ref + "' gives a peer is not a valid peer name, so Consul "
           "refuses that peering: fix it in the project file first.";
  } else if (!invalid.empty()) {
    out += " The names " + quoted(invalid) + " that '" + ref + "' gives its peers are not valid peer names, so "
           "Consul refuses those peerings: fix them in the project file first.";
  }
  return out;
}

}  // namespace

void UnknownPeer::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view peer = field(r.obj, "Peer");
    if (peer.empty() || peer.find('*') != std::string_view::npos || p.peer(r.ref, peer)) return;
    for (const PeerName& n : p.peer_names()) {
      if (n.name == peer) return;  // established elsewhere
    }
    std::vector<std::string> valid, invalid;
    for (std::string& n : p.peer_names_of(r.ref)) (valid_peer_name(n) ? valid : invalid).push_back(std::move(n));
    std::string summary = "no peering of '" + r.ref + "' is named '" + std::string(peer) + "'";
    if (auto m = suggest::closest(peer, valid)) summary += "; did you mean '" + *m + "'?";
    out.report(r.path() + ".Peer", std::move(summary)).detail(why(r.ref, valid, invalid));
  });
}

}  // namespace peering
