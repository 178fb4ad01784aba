// peering-consul-version: a cluster that takes part in a peering runs a
// Consul older than 1.14.1, the first release cluster peering supports.
#include <array>
#include <optional>

#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

// MAJOR.MINOR.PATCH with an optional leading 'v' and any suffix ("+ent").
std::optional<std::array<long, 3>> parse(std::string_view s) {
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  std::array<long, 3> v{};
  for (std::size_t i = 0; i < 3; ++i) {
    if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
    long n = 0;
    while (!s.empty() && s[0] >= '0' && s[0] <= '9' && n < 100000) {
      n = n * 10 + (s[0] - '0');
      s.remove_prefix(1);
    }
    v[i] = n;
    if (i < 2) {
      if (s.empty() || s[0] != '.') return std::nullopt;
      s.remove_prefix(1);
    }
  }
  return v;
}

constexpr std::array<long, 3> kMinimum = {1, 14, 1};

}  // namespace

void ConsulVersion::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& clusters = p.clusters();
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    const std::string_view version = field(clusters[c], "consul_version");
    const std::optional<std::array<long, 3>> v = parse(version);
    if (!v || *v >= kMinimum) continue;
    const std::string name(field(clusters[c], "name"));
    for (const PeerName& n : p.peer_names()) {
      if (n.local.substr(0, n.local.find('/')) != name) continue;
      out.report(at("clusters", c) + ".consul_version",
                 "Consul " + std::string(version) + " cannot peer: cluster peering needs 1.14.1 or later")
          .detail("Cluster '" + name + "' takes part in a peering. Upgrade it to Consul 1.14.1 or later before "
                  "generating or establishing peering tokens.")
          .note("a peering of '" + name + "'", at("peerings", n.peering) + ".id");
      break;
    }
  }
}

}  // namespace peering
