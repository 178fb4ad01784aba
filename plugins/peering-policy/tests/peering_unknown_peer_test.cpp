// Table test for peering-unknown-peer.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

const std::string kThree = two_clusters("", "",
                                        "cluster \"cluster-03\" {\n"
                                        "  datacenter = \"dc3\"\n"
                                        "}\n"
                                        "peering \"p2\" {\n"
                                        "  acceptor = \"cluster-02\"\n"
                                        "  dialer   = \"cluster-03\"\n"
                                        "}\n");

const ProjectCase kCases[] = {
    {"typo_in_consumer",
     two_clusters(),
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-2\" }")}},
     {"c1/exports.hcl:6:28 peering-unknown-peer Services[0].Consumers[0].Peer"}},
    {"unknown_source",
     two_clusters(),
     {{"c2/intentions.hcl", intentions("frontend", "Name = \"web\", Peer = \"dc9\", Action = \"allow\"")}},
     {"c2/intentions.hcl:4:26 peering-unknown-peer Sources[0].Peer"}},
    {"second_consumer_of_two",
     two_clusters(),
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-02\" }, { Peer = \"cluster-2\" }")}},
     {"c1/exports.hcl:6:53 peering-unknown-peer Services[0].Consumers[1].Peer"}},
    {"known_peer_ok",
     two_clusters(),
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-02\" }")},
      {"c2/intentions.hcl", intentions("frontend", "Name = \"backend\", Peer = \"cluster-01\", Action = \"allow\"")}},
     {}},
    // cluster-03 is a peer of cluster-02 only: peering-peer-not-established says so.
    {"peer_of_another_partition_ok", kThree,
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-03\" }")}},
     {}},
    // 'Cluster_01' is close to 'cluster-1' but Consul refuses it: it is no suggestion.
    {"no_invalid_suggestion",
     "cluster \"cluster-01\" {\n  entries = [\"c1/*.hcl\"]\n}\n"
     "cluster \"cluster-02\" {\n  entries = [\"c2/*.hcl\"]\n}\n"
     "peering \"p1\" {\n  acceptor = \"cluster-01\"\n  dialer = \"cluster-02\"\n"
     "  dialer_peer_name = \"Cluster_01\"\n}\n",
     {{"c2/intentions.hcl", intentions("frontend", "Name = \"web\", Peer = \"cluster-1\", Action = \"allow\"")}},
     {"c2/intentions.hcl:4:26 peering-unknown-peer Sources[0].Peer"},
     {"The name 'Cluster_01' that 'cluster-02/default' gives a peer is not a valid peer name"},
     {"did you mean", "calls its peers 'Cluster_01'"}},
    // exports-wildcard-peer reports '*'.
    {"wildcard_ok", two_clusters(), {{"c1/exports.hcl", exports("backend", "{ Peer = \"*\" }")}}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringUnknownPeer, "peering-unknown-peer", kCases);

}  // namespace
