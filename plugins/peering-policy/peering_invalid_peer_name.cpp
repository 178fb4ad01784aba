// peering-invalid-peer-name: a peer name Consul refuses (§5.1): 1-63 lower
// case letters, digits and '-', starting and ending with a letter or digit.
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void InvalidPeerName::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for (const PeerName& n : p.peer_names()) {
    if (n.name.empty() || valid_peer_name(n.name)) continue;
    std::string summary = "'" + n.name + "' is not a valid peer name";
    const std::string fix = peer_name_like(n.name);
    if (!fix.empty()) summary += "; did you mean '" + fix + "'?";
    out.report(n.path(), std::move(summary))
        .detail("Consul's " + std::string(n.acceptor ? "generate-token" : "establish") +
                " refuses it: a peer name is 1 to 63 lower case letters, digits and '-', starting and ending with a "
                "letter or digit.")
        .consul(n.name + " is not a valid peer name: a valid peering name must consist of lower case alphanumeric "
                         "characters or '-', and must start and end with an alphanumeric character");
  }
}

}  // namespace peering
