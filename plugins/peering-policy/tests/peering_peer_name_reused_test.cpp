// Table test for peering-peer-name-reused.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

// dc1 takes part in two peerings: first with dc2, then with dc3.
std::string two_peerings(const std::string& first, const std::string& second) {
  return "cluster \"dc1\" {}\ncluster \"dc2\" {}\ncluster \"dc3\" {}\n"
         "peering \"a\" {\n" + first + "}\n"
         "peering \"b\" {\n" + second + "}\n";
}

const std::string kDc1Accepts = "  acceptor = \"dc1\"\n  dialer = \"dc2\"\n  acceptor_peer_name = \"east\"\n";

const ProjectCase kCases[] = {
    {"generated_then_established", two_peerings(kDc1Accepts, "  acceptor = \"dc3\"\n  dialer = \"dc1\"\n  dialer_peer_name = \"east\"\n"), {},
     {"entryc.hcl:12:22 peering-peer-name-reused peerings[1].dialer_peer_name"}},
    {"generated_twice", two_peerings(kDc1Accepts, "  acceptor = \"dc1\"\n  dialer = \"dc3\"\n  acceptor_peer_name = \"east\"\n"), {},
     {"entryc.hcl:12:24 peering-peer-name-reused peerings[1].acceptor_peer_name"}},
    // Unwritten names default to the other cluster's: peering one pair twice reuses both.
    {"same_pair_peered_twice",
     two_peerings("  acceptor = \"dc1\"\n  dialer = \"dc2\"\n", "  acceptor = \"dc2\"\n  dialer = \"dc1\"\n"), {},
     {"entryc.hcl:8:13 peering-peer-name-reused peerings[1].acceptor_peer_name",
      "entryc.hcl:8:13 peering-peer-name-reused peerings[1].dialer_peer_name"}},
    // The advice says which name to change, in which peering, and to what.
    {"advice_renames_this_side",
     two_peerings(kDc1Accepts, "  acceptor = \"dc3\"\n  dialer = \"dc1\"\n  dialer_peer_name = \"east\"\n"), {},
     {"entryc.hcl:12:22 peering-peer-name-reused peerings[1].dialer_peer_name"},
     {"in peering 'b', set dialer_peer_name = \"dc3\" (a name 'dc1/default' does not use yet), and write "
      "Peer = \"dc3\" in the entries of 'dc1/default' that mean 'dc3/default'; 'east' stays the name of "
      "'dc2/default'."}},
    {"advice_numbers_a_taken_name",
     two_peerings("  acceptor = \"dc1\"\n  dialer = \"dc2\"\n  acceptor_peer_name = \"dc3\"\n",
                  "  acceptor = \"dc1\"\n  dialer = \"dc3\"\n  acceptor_peer_name = \"dc3\"\n"), {},
     {"entryc.hcl:12:24 peering-peer-name-reused peerings[1].acceptor_peer_name"},
     {"set acceptor_peer_name = \"dc3-2\""}},
    {"advice_for_the_same_pair_twice",
     two_peerings("  acceptor = \"dc1\"\n  dialer = \"dc2\"\n", "  acceptor = \"dc2\"\n  dialer = \"dc1\"\n"), {},
     {"entryc.hcl:8:13 peering-peer-name-reused peerings[1].acceptor_peer_name",
      "entryc.hcl:8:13 peering-peer-name-reused peerings[1].dialer_peer_name"},
     {"Peerings 'a' and 'b' both join 'dc1/default' and 'dc2/default': remove peering 'b'."}},
    {"distinct_ok", two_peerings(kDc1Accepts, "  acceptor = \"dc1\"\n  dialer = \"dc3\"\n  acceptor_peer_name = \"west\"\n"), {}, {}},
    // The same name in two different partitions is fine: names are local.
    {"other_partition_ok", two_peerings(kDc1Accepts, "  acceptor = \"dc3\"\n  dialer = \"dc2\"\n  acceptor_peer_name = \"east\"\n"), {}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringPeerNameReused, "peering-peer-name-reused", kCases);

}  // namespace
