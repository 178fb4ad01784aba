// Table test for peering-invalid-peer-name.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

std::string named(const std::string& acceptor_peer_name, const std::string& dialer_peer_name) {
  return "cluster \"cluster-01\" {}\ncluster \"cluster-02\" {}\n"
         "peering \"p1\" {\n"
         "  acceptor           = \"cluster-01\"\n"
         "  dialer             = \"cluster-02\"\n"
         "  acceptor_peer_name = \"" + acceptor_peer_name + "\"\n"
         "  dialer_peer_name   = \"" + dialer_peer_name + "\"\n"
         "}\n";
}

const ProjectCase kCases[] = {
    {"upper_case_and_underscore", named("Cluster_02", "cluster-01"), {},
     {"entryc.hcl:6:24 peering-invalid-peer-name peerings[0].acceptor_peer_name"}},
    {"trailing_dash", named("cluster-02", "cluster-01-"), {},
     {"entryc.hcl:7:24 peering-invalid-peer-name peerings[0].dialer_peer_name"}},
    {"too_long", named(std::string(64, 'a'), "cluster-01"), {},
     {"entryc.hcl:6:24 peering-invalid-peer-name peerings[0].acceptor_peer_name"}},
    // Not written: the default is the other cluster's name.
    {"defaulted_from_cluster_name",
     "cluster \"DC1\" {}\ncluster \"dc2\" {}\npeering \"p1\" {\n  acceptor = \"DC1\"\n  dialer   = \"dc2\"\n}\n", {},
     {"entryc.hcl:3:14 peering-invalid-peer-name peerings[0].dialer_peer_name"}},
    {"valid_ok", named("a", std::string(63, 'b')), {}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringInvalidPeerName, "peering-invalid-peer-name", kCases);

}  // namespace
