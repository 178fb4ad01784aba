// State: to_state/load_state round trips, resource-level replay (what a
// journal does with apply()'s touched keys), and errors naming the resource.
#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::runtime {
namespace {

using test::svc;

Json topology() {
  return test::topology(
      {test::cluster("east", {"api", "admin"}, true, "deny"),
       test::cluster("west", {"web", "batch"}, true, "deny", Json::array({test::token("web", {"web-sidecar"})})),
       test::cluster("north", {"x"})});
}

// A world with every kind of resource, and the touched resources of each op.
World populated(std::vector<Result>* results = nullptr) {
  World w(topology());
  w.seed(7);
  auto run = [&](const Json& op) {
    const Result r = w.apply(op);
    EXPECT_EQ(r.status, 200) << op.dump() << ": " << r.error;
    if (results) results->push_back(r);
    return r;
  };
  const Result g = run(test::op("peering.generate-token", "east", "west", {{"PeerName", "west"}}));
  run(test::op("peering.establish", "west", "east",
               {{"PeerName", "east"}, {"PeeringToken", g.outputs["PeeringToken"]}}));
  run(test::op("peering.generate-token", "north", "east", {{"PeerName", "east"}}));  // pending, never established
  run(test::op("config.write", "east", "exported-services/default",
               test::exports_to({{"api", "west"}, {"*", "west"}})));
  run(test::op("config.write", "east", "service-defaults/api",
               {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "http"}}));
  run(test::op(
      "config.write", "east", "service-intentions/api",
      test::intention(
          "api", Json::array({{{"Name", "web"},
                               {"Peer", "west"},
                               {"Permissions", Json::array({{{"Action", "allow"}, {"HTTP", {{"PathPrefix", "/"}}}}})}},
                              {{"Name", "*"}, {"Action", "deny"}}}))));
  run(test::op("acl.policy.write", "west", "web-sidecar",
               {{"Name", "web-sidecar"}, {"Rules", "service \"web\" { policy = \"write\" }"}}));
  return w;
}

std::vector<bool> decisions(const World& w) {
  const std::vector<ServiceRef> all = {svc("east", "api"), svc("east", "admin"), svc("west", "web"),
                                       svc("west", "batch"), svc("north", "x")};
  const std::vector<Request> reqs = {Request{}, test::http("GET", "/")};
  std::vector<bool> out;
  for (const auto& s : all) {
    for (const auto& d : all) {
      for (const auto& r : reqs) {
        out.push_back(w.allowed(s, d, r));
        out.push_back(w.check(s, d, r).allowed);
      }
    }
  }
  return out;
}

TEST(State, RoundTripGivesTheSameSnapshotAndDecisions) {
  const World w = populated();
  EXPECT_TRUE(w.allowed(svc("west", "web"), svc("east", "api"), test::http("GET", "/")));
  const Json state = w.to_state();
  World back(topology());
  back.load_state(Json::parse(state.dump()));  // through text, like a state file
  EXPECT_EQ(back.snapshot().dump(), w.snapshot().dump());
  EXPECT_EQ(back.to_state().dump(), state.dump());
  EXPECT_EQ(decisions(back), decisions(w));
  EXPECT_EQ(back.keys(), w.keys());
}

TEST(State, ReplayingTouchedResourcesRebuildsTheWorld) {
  std::vector<Result> results;
  const World w = populated(&results);
  World replica(topology());
  for (const Result& r : results) {
    for (const std::string& key : r.touched) replica.put_resource(key, w.resource(key));
  }
  // The journal records values at the time of each op; replaying the final
  // values of every touched key yields the final world.
  EXPECT_EQ(replica.snapshot().dump(), w.snapshot().dump());
  EXPECT_EQ(decisions(replica), decisions(w));
}

TEST(State, KeysAreSortedAndShaped) {
  const World w = populated();
  const std::vector<std::string> keys = w.keys();
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(keys, (std::vector<std::string>{"east", "east/default/config/exported-services/default/default",
                                            "east/default/config/service-defaults/default/api",
                                            "east/default/config/service-intentions/default/api",
                                            "east/default/peering/west", "north", "north/default/peering/east", "west",
                                            "west/default/acl-policy/web-sidecar", "west/default/peering/east"}));
}

TEST(State, GarbageNamesTheResource) {
  World w(topology());
  struct Case {
    Json state;
    std::string error;
  };
  const Case cases[] = {
      {Json::array(), "state: a state document is a JSON object"},
      {{{"format_version", 2}, {"resources", Json::object()}},
       "state: unsupported format_version (this runtime reads 1)"},
      {{{"format_version", 1}, {"resources", {{"mars", {{"Index", 1}, {"TrustDomain", "x"}}}}}},
       "resource \"mars\": no cluster of that name in the topology"},
      {{{"format_version", 1}, {"resources", {{"east", {{"Index", "one"}, {"TrustDomain", "x"}}}}}},
       "resource \"east\": Index must be a non-negative integer"},
      {{{"format_version", 1}, {"resources", {{"east/default/peering/west", {{"Name", "west"}, {"State", "ACTIVE"}}}}}},
       "resource \"east/default/peering/west\": ID must be a non-empty string"},
      {{{"format_version", 1},
        {"resources", {{"east/default/peering/west", {{"ID", "x"}, {"Name", "west"}, {"State", "HAPPY"}}}}}},
       "resource \"east/default/peering/west\": State must be one of PENDING, ESTABLISHING, ACTIVE, FAILING, DELETING, "
       "TERMINATED"},
      {{{"format_version", 1}, {"resources", {{"east/eu/peering/west", Json::object()}}}},
       "resource \"east/eu/peering/west\": no partition of that name in the cluster"},
      {{{"format_version", 1}, {"resources", {{"east/default/config/frob/default/x", Json::object()}}}},
       "resource \"east/default/config/frob/default/x\": invalid config entry kind: frob"},
      {{{"format_version", 1},
        {"resources",
         {{"east/default/config/service-intentions/default/api", {{"Kind", "service-intentions"}, {"Name", "web"}}}}}},
       "resource \"east/default/config/service-intentions/default/api\": Name must be the name in the key ('api')"},
      {{{"format_version", 1}, {"resources", {{"west/default/acl-policy/p", {{"Name", "p"}, {"Rules", "service {"}}}}}},
       "resource \"west/default/acl-policy/p\": Failed to parse ACL rules: "},
      {{{"format_version", 1}, {"resources", {{"west/default/widget/p", Json::object()}}}},
       "resource \"west/default/widget/p\": unknown resource type 'widget'"},
      {{{"format_version", 1}, {"resources", {{"west/default/peering/p", "text"}}}},
       "resource \"west/default/peering/p\": the value must be a JSON object (or null to delete)"},
  };
  const std::string before = w.to_state().dump();
  for (const Case& c : cases) {
    try {
      w.load_state(c.state);
      ADD_FAILURE() << "accepted: " << c.state.dump();
    } catch (const Error& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with(c.error)) << e.what() << "\nwant: " << c.error;
    }
    EXPECT_EQ(w.to_state().dump(), before);  // a failed load changes nothing
  }
}

TEST(State, PutResourceNullDeletes) {
  World w = populated();
  EXPECT_TRUE(w.allowed(svc("west", "web"), svc("east", "api"), test::http("GET", "/")));
  w.put_resource("east/default/config/exported-services/default/default", Json());
  EXPECT_FALSE(w.allowed(svc("west", "web"), svc("east", "api"), test::http("GET", "/")));
  EXPECT_TRUE(w.resource("east/default/config/exported-services/default/default").is_null());
  w.put_resource("west/default/peering/east", Json());
  EXPECT_EQ(w.peerings("east", "default")[0]["State"], "PENDING");  // the stream is gone
}

}  // namespace
}  // namespace entryc::runtime
