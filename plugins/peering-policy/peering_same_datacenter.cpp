// peering-same-datacenter: a peering between two partitions of one
// datacenter (or of one cluster), where exported-services should be used.
#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

std::string_view cluster_of(std::string_view ref) { return ref.substr(0, ref.find('/')); }
std::string partition_of(std::string_view ref) {
  const std::size_t slash = ref.find('/');
  return slash == std::string_view::npos ? "default" : std::string(ref.substr(slash + 1));
}

// Partitions of one cluster: export to each other by partition (the seed's
// "use the exported-services configuration entry ... in a single datacenter").
std::string within_cluster(const std::string& acc, const std::string& dia) {
  const std::string pa = partition_of(acc), pd = partition_of(dia);
  return "Consul refuses to establish a peering within one cluster. Its partitions share services without peering: "
         "in the exported-services entry of '" + acc + "' (Name = \"" + pa + "\"), export what '" + dia +
         "' calls with a consumer { Partition = \"" + pd + "\" }, in that of '" + dia + "' (Name = \"" + pd +
         "\") what '" + acc + "' calls with { Partition = \"" + pa + "\" }, and name those callers in intentions "
         "with Partition instead of Peer. Then remove this peering.";
}

// Two clusters that say they are one datacenter.
std::string across_clusters(const std::string& acc, const std::string& dia, const std::string& dc) {
  const std::string a(cluster_of(acc)), d(cluster_of(dia));
  return "Cluster peering requires services in separate datacenters, and clusters '" + a + "' and '" + d +
         "' both have datacenter = \"" + dc + "\". If they are separate datacenters, give each its own datacenter. "
         "If they are one, declare '" + acc + "' and '" + dia + "' as partitions of one cluster and export between "
         "them with exported-services consumers { Partition = \"<partition>\" } instead of peering.";
}

}  // namespace

void SameDatacenter::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& ps = p.peerings();
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::string acc(field(ps[i], "acceptor")), dia(field(ps[i], "dialer"));
    const std::string_view acc_cluster = cluster_of(acc), dia_cluster = cluster_of(dia);
    const Json* a = p.cluster(acc_cluster);
    const Json* d = p.cluster(dia_cluster);
    if (!a || !d || acc == dia || field(*a, "datacenter") != field(*d, "datacenter")) continue;
    const std::string dc(field(*a, "datacenter"));
    const bool same_cluster = acc_cluster == dia_cluster;
    const std::string where = same_cluster ? "cluster '" + std::string(acc_cluster) + "' (datacenter '" + dc + "')"
                                           : "datacenter '" + dc + "'";
    out.report(at("peerings", i) + ".dialer", "'" + acc + "' and '" + dia + "' are in the same " + where +
                                                  ": cluster peering is for other datacenters")
        .detail(same_cluster ? within_cluster(acc, dia) : across_clusters(acc, dia, dc))
        .note("the acceptor, also in datacenter '" + dc + "'", at("peerings", i) + ".acceptor");
  }
}

}  // namespace peering
