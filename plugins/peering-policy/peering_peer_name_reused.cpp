// peering-peer-name-reused: one partition gives the same peer name to two
// peerings (or to both sides of generate-token and establish).
#include "project.hpp"
#include "rules.hpp"

namespace peering {

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
      const std::string quoted = "\"" + b.name + "\"";
      if (a.acceptor && b.acceptor) {
        r.detail("Generating a token for the same name again reuses the first peering and invalidates its token: one "
                 "of the two peerings is never made. Give each peering its own name.");
      } else if (!a.acceptor && !b.acceptor) {
        r.detail("Establishing with the same name again replaces the first peering: one of the two is lost. Give "
                 "each peering its own name.");
      } else if (b.acceptor) {
        r.detail("Consul refuses to generate a token for a name it already established a peering with. Give each "
                 "peering its own name.")
            .consul("cannot create peering with name: " + quoted + "; there is already an established peering");
      } else {
        r.detail("Consul refuses to establish a peering under a name it already generated a token for. Give each "
                 "peering its own name.")
            .consul("cannot create peering with name: " + quoted + "; there is an existing peering expecting to be dialed");
      }
      break;
    }
  }
}

}  // namespace peering
