// Exports → imports (§2.5, §6.3): what a partition exports to which peer,
// what the other side imports under its own name for the peer.
#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::runtime {
namespace {

class Exports : public ::testing::Test {
 protected:
  Exports()
      : w(test::topology({test::cluster("east", {"api", "billing", "consul"}), test::cluster("west", {"web"})})) {}
  World w;
};

TEST_F(Exports, ExportedServicesEndpointShape) {
  Json e = {{"Kind", "exported-services"},
            {"Name", "default"},
            {"Services",
             Json::array({{{"Name", "api"}, {"Consumers", Json::array({{{"Peer", "west"}}, {{"Peer", "north"}}})}},
                          {{"Name", "ghost"}, {"Consumers", Json::array({{{"Peer", "west"}}})}},
                          {{"Name", "api"}, {"Consumers", Json::array({{{"Peer", "south"}}})}},
                          {{"Name", "billing"}, {"Consumers", Json::array({{{"Partition", "p2"}}})}}})}};
  ASSERT_EQ(test::write(w, "east", e).status, 200);
  // Sorted by name, duplicates merged, peers sorted, partition consumers not
  // listed in CE; a concrete name is exported whether registered or not.
  EXPECT_EQ(w.exported("east", "default").dump(),
            R"([{"Service":"api","Consumers":{"Peers":["north","south","west"]}},)"
            R"({"Service":"billing","Consumers":{}},)"
            R"({"Service":"ghost","Consumers":{"Peers":["west"]}}])");
  EXPECT_EQ(w.exported("west", "default").dump(), "[]");
}

TEST_F(Exports, ConsulIsNeverExported) {
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"consul", "west"}, {"*", "west"}})).status, 200);
  const Json got = w.exported("east", "default");
  for (const Json& row : got) EXPECT_NE(row["Service"], "consul");
  EXPECT_EQ(got.size(), 2U);  // api and billing
  test::peer(w, "east", "west", "west", "east");
  for (const Json& row : w.imported("west", "default")) EXPECT_NE(row["Service"], "consul");
  const Decision d = w.check(test::svc("west", "web"), test::svc("east", "consul"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "east never exports the consul service");
}

TEST_F(Exports, WildcardExpandsToRegisteredServices) {
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"*", "west"}})).status, 200);
  EXPECT_EQ(
      w.exported("east", "default").dump(),
      R"([{"Service":"api","Consumers":{"Peers":["west"]}},{"Service":"billing","Consumers":{"Peers":["west"]}}])");
  test::peer(w, "east", "west", "west", "east");
  EXPECT_EQ(w.imported("west", "default").dump(),
            R"([{"Peer":"east","Service":"api","Namespace":"default"},)"
            R"({"Peer":"east","Service":"billing","Namespace":"default"}])");
  // A discovery chain makes a name exportable by `*` for the peer too (§2.5).
  ASSERT_EQ(test::write(w, "east", {{"Kind", "service-resolver"}, {"Name", "virtual"}}).status, 200);
  EXPECT_EQ(w.imported("west", "default").size(), 3U);
  EXPECT_EQ(w.exported("east", "default").size(), 2U);  // the endpoint lists registered services only
}

TEST_F(Exports, ImportsUseTheImportersNameForThePeerAndNeedActive) {
  // east calls west "w-peer"; west calls east "e-peer".
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"api", "w-peer"}})).status, 200);
  EXPECT_EQ(w.imported("west", "default").dump(), "[]");
  const Result g = test::generate(w, "east", "w-peer");
  EXPECT_EQ(w.imported("west", "default").dump(), "[]");  // a token alone connects nothing
  ASSERT_EQ(test::establish(w, "west", "e-peer", g.outputs["PeeringToken"]).status, 200);
  EXPECT_EQ(w.imported("west", "default").dump(), R"([{"Peer":"e-peer","Service":"api","Namespace":"default"}])");
  const Json west_peering = w.peerings("west", "default")[0];
  EXPECT_EQ(west_peering["StreamStatus"]["ImportedServices"].dump(), R"(["api"])");
  EXPECT_EQ(w.peerings("east", "default")[0]["StreamStatus"]["ExportedServices"].dump(), R"(["api"])");
  // Exporting to the dialer's own name for the acceptor does nothing.
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"api", "e-peer"}})).status, 200);
  EXPECT_EQ(w.imported("west", "default").dump(), "[]");
}

}  // namespace
}  // namespace entryc::runtime
