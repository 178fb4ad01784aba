// Table test for peering-same-datacenter.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

const ProjectCase kCases[] = {
    {"two_partitions_of_one_cluster",
     two_clusters("  partition \"finance\" {}\n", "",
                  "peering \"p2\" {\n  acceptor = \"cluster-01/default\"\n  dialer   = \"cluster-01/finance\"\n}\n"),
     {},
     {"entryc.hcl:20:14 peering-same-datacenter peerings[1].dialer"}},
    {"two_clusters_one_datacenter",
     two_clusters("", "",
                  "cluster \"cluster-03\" {\n  datacenter = \"dc1\"\n}\n"
                  "peering \"p2\" {\n  acceptor = \"cluster-01\"\n  dialer   = \"cluster-03\"\n}\n"),
     {},
     {"entryc.hcl:22:14 peering-same-datacenter peerings[1].dialer"}},
    {"default_datacenter_is_the_name",
     "cluster \"a\" {}\ncluster \"b\" {\n  datacenter = \"a\"\n}\npeering \"p\" {\n  acceptor = \"a\"\n  dialer = \"b\"\n}\n",
     {},
     {"entryc.hcl:7:12 peering-same-datacenter peerings[0].dialer"}},
    // The advice names both partitions, the exported-services entries to write and the datacenter.
    {"advice_exports_by_partition_both_ways",
     two_clusters("  partition \"finance\" {}\n", "",
                  "peering \"p2\" {\n  acceptor = \"cluster-01/default\"\n  dialer   = \"cluster-01/finance\"\n}\n"),
     {},
     {"entryc.hcl:20:14 peering-same-datacenter peerings[1].dialer"},
     {"in the same cluster 'cluster-01' (datacenter 'dc1')",
      "in the exported-services entry of 'cluster-01/default' (Name = \"default\"), export what "
      "'cluster-01/finance' calls with a consumer { Partition = \"finance\" }",
      "in that of 'cluster-01/finance' (Name = \"finance\") what 'cluster-01/default' calls with { Partition = "
      "\"default\" }"}},
    {"advice_for_two_clusters_in_one_datacenter",
     two_clusters("", "",
                  "cluster \"cluster-03\" {\n  datacenter = \"dc1\"\n}\n"
                  "peering \"p2\" {\n  acceptor = \"cluster-01\"\n  dialer   = \"cluster-03\"\n}\n"),
     {},
     {"entryc.hcl:22:14 peering-same-datacenter peerings[1].dialer"},
     {"clusters 'cluster-01' and 'cluster-03' both have datacenter = \"dc1\"",
      "declare 'cluster-01/default' and 'cluster-03/default' as partitions of one cluster"},
     {"Partition = 'default'"}},
    {"separate_datacenters_ok", two_clusters(), {}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringSameDatacenter, "peering-same-datacenter", kCases);

}  // namespace
