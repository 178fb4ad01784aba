// Table test for peering-peer-not-established.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

// cluster-02 also peers with cluster-03 and calls it "cluster-03".
const std::string kThree = two_clusters("", "",
                                        "cluster \"cluster-03\" {\n"
                                        "  datacenter = \"dc3\"\n"
                                        "}\n"
                                        "peering \"p2\" {\n"
                                        "  acceptor = \"cluster-02\"\n"
                                        "  dialer   = \"cluster-03\"\n"
                                        "}\n");

const ProjectCase kCases[] = {
    {"consumer_of_other_partitions_peer", kThree,
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-03\" }")}},
     {"c1/exports.hcl:6:28 peering-peer-not-established Services[0].Consumers[0].Peer"}},
    // "cluster-01" is what cluster-02 calls cluster-01; in cluster-01 it means nothing.
    {"own_name_used_as_peer",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-01\", Action = \"allow\"")}},
     {"c1/intentions.hcl:4:31 peering-peer-not-established Sources[0].Peer"}},
    // The detail names the partition that lacks the peering, and its own name for the peer meant.
    {"detail_names_the_partition_without_the_peering",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-01\", Action = \"allow\"")}},
     {"c1/intentions.hcl:4:31 peering-peer-not-established Sources[0].Peer"},
     {"'cluster-01/default' has no peering named 'cluster-01': it calls 'cluster-02/default' 'cluster-02', so write "
      "Peer = \"cluster-02\"."},
     {"with 'cluster-01/default' first"}},
    {"detail_says_which_partitions_to_peer", kThree,
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-03\" }")}},
     {"c1/exports.hcl:6:28 peering-peer-not-established Services[0].Consumers[0].Peer"},
     {"'cluster-01/default' has no peering named 'cluster-03'. Peer 'cluster-01/default' with 'cluster-03/default' "
      "first"}},
    {"own_peer_ok", kThree,
     {{"c2/exports.hcl", exports("frontend", "{ Peer = \"cluster-03\" }, { Peer = \"cluster-01\" }")}},
     {}},
    // Names no peering uses are peering-unknown-peer's.
    {"unknown_everywhere_ok", kThree, {{"c1/exports.hcl", exports("backend", "{ Peer = \"dc7\" }")}}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringPeerNotEstablished, "peering-peer-not-established", kCases);

}  // namespace
