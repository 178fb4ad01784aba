// peering-same-datacenter: a peering between two partitions of one
// datacenter (or of one cluster), where exported-services should be used.
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void SameDatacenter::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& ps = p.peerings();
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::string_view acc = field(ps[i], "acceptor"), dia = field(ps[i], "dialer");
    const std::string_view acc_cluster = acc.substr(0, acc.find('/')), dia_cluster = dia.substr(0, dia.find('/'));
    const Json* a = p.cluster(acc_cluster);
    const Json* d = p.cluster(dia_cluster);
    if (!a || !d || acc == dia || field(*a, "datacenter") != field(*d, "datacenter")) continue;
    const std::string dc(field(*a, "datacenter"));
    const bool one_cluster = acc_cluster == dia_cluster;
    out.report(at("peerings", i) + ".dialer",
               "'" + std::string(acc) + "' and '" + std::string(dia) + "' are in the same " +
                   (one_cluster ? "cluster" : "datacenter '" + dc + "'") + ": cluster peering is for other datacenters")
        .detail(std::string(one_cluster ? "Consul refuses to establish a peering within one cluster. "
                                        : "Cluster peering requires services in separate datacenters. ") +
                "Between partitions of one datacenter, export the services with an exported-services consumer "
                "Partition = '" + std::string(acc.substr(acc.find('/') + 1)) + "' instead of peering.");
  }
}

}  // namespace peering
