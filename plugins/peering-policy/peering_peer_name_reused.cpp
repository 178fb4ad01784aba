// peering-peer-name-reused: one partition gives the same peer name to two
// peerings (or to both sides of generate-token and establish).
#include <algorithm>

#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

// What goes wrong when `b` reuses the name of `a` in the same partition;
// Consul's own refusal, where there is one, goes on `r`.
std::string explain(Report& r, const PeerName& a, const PeerName& b) {
  const std::string quoted = "\"" + b.name + "\"";
  if (a.acceptor && b.acceptor) {
    return "Generating a token for the same name again reuses the first peering and invalidates its token: one of "
           "the two peerings is never made.";
  }
  if (!a.acceptor && !b.acceptor) {
    return "Establishing with the same name again replaces the first peering: one of the two is lost.";
  }
  if (b.acceptor) {
    r.consul("cannot create peering with name: " + quoted + "; there is already an established peering");
    return "Consul refuses to generate a token for a name it already established a peering with.";
  }
  r.consul("cannot create peering with name: " + quoted + "; there is an existing peering expecting to be dialed");
  return "Consul refuses to establish a peering under a name it already generated a token for.";
}

// A name `b.local` does not use yet for its peer `b.remote`: the peer's
// cluster (and partition, unless "default") as a valid peer name, numbered
// when taken.
std::string free_name(const Project& p, const PeerName& b) {
  const std::size_t slash = b.remote.find('/');
  std::string base = b.remote.substr(0, slash);
  if (slash != std::string::npos && b.remote.substr(slash + 1) != "default") base += "-" + b.remote.substr(slash + 1);
  base = peer_name_like(peer_name_like(base).substr(0, 59));  // room for "-2"
  if (base.empty()) base = "peer";
  const std::vector<std::string> used = p.peer_names_of(b.local);
  std::string name = base;
  for (int n = 2; std::find(used.begin(), used.end(), name) != used.end(); ++n) {
    name = base + "-" + std::to_string(n);
  }
  return name;
}

// Which name to change, where, and what follows from it.
std::string renaming(const Project& p, const PeerName& a, const PeerName& b) {
  const std::string id_a(field(p.peerings()[a.peering], "id")), id_b(field(p.peerings()[b.peering], "id"));
  if (a.remote == b.remote) {
    return "Peerings '" + id_a + "' and '" + id_b + "' both join '" + b.local + "' and '" + b.remote +
           "': remove peering '" + id_b + "'.";
  }
  const std::string name = free_name(p, b);
  const char* key = b.acceptor ? "acceptor_peer_name" : "dialer_peer_name";
  return "Rename this side: in peering '" + id_b + "', set " + key + " = \"" + name + "\" (a name '" + b.local +
         "' does not use yet), and write Peer = \"" + name + "\" in the entries of '" + b.local + "' that mean '" +
         b.remote + "'; '" + b.name + "' stays the name of '" + a.remote + "'.";
}

}  // namespace

void PeerNameReused::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const std::vector<PeerName>& names = p.peer_names();
  for (std::size_t k = 0; k < names.size(); ++k) {
    const PeerName& b = names[k];
    for (std::size_t m = 0; m < k && !b.name.empty(); ++m) {
      const PeerName& a = names[m];
      if (a.local != b.local || a.name != b.name || a.peering == b.peering) continue;
      const std::string id(field(p.peerings()[a.peering], "id"));
      Report r = out.report(b.path(), "'" + b.local + "' already uses the peer name '" + b.name +
                                          "' for peering '" + id + "'");
      r.note("first used here", a.path());
      r.detail(explain(r, a, b) + " " + renaming(p, a, b));
      break;
    }
  }
}

}  // namespace peering
