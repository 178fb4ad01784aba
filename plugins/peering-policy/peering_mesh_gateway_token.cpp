// peering-mesh-gateway-token: with ACLs on, the token of a mesh gateway of
// a peered partition lacks mesh = "write" or peering = "read".
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void MeshGatewayToken::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& clusters = p.clusters();
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    if (!acl_enabled(clusters[c])) continue;
    const std::string_view dflt = default_policy(clusters[c]);
    const Json& parts = list(clusters[c], "partitions");
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string ref = std::string(field(clusters[c], "name")) + "/" + std::string(field(parts[i], "name"));
      if (p.peer_names_of(ref).empty()) continue;  // not peered: no gateway traffic to check
      const Json& tokens = list(parts[i], "tokens");
      for (std::size_t t = 0; t < tokens.size(); ++t) {
        if (!flag(tokens[t], "mesh_gateway")) continue;
        const std::optional<Grants> g = grants_of(p, ref, tokens[t]);
        if (!g) continue;
        std::string missing;
        if (!allowed(g->mesh_write(), dflt)) missing = "mesh = \"write\"";
        if (!allowed(g->peering_read(), dflt)) missing += std::string(missing.empty() ? "" : " and ") + "peering = \"read\"";
        if (missing.empty()) continue;
        out.report(at(at(at("clusters", c) + ".partitions", i) + ".tokens", t) + ".policies",
                   "the mesh gateway token '" + std::string(field(tokens[t], "name")) + "' lacks " + missing)
            .detail("A mesh gateway that carries peering traffic writes the peering's mesh configuration and reads "
                    "the peerings: its policies need mesh = \"write\" and peering = \"read\" (or operator = "
                    "\"write\", which both fall back to).");
      }
    }
  }
}

}  // namespace peering
