// Decisions (§3.6, §3.7, §4.5): intentions, defaults, the cross-cluster
// trail, and allowed() agreeing with check().
#include <gtest/gtest.h>

#include <random>

#include "support.hpp"

namespace entryc::runtime {
namespace {

using test::svc;

Json allow(const std::string& name, const std::string& peer = "") {
  Json s = {{"Name", name}, {"Action", "allow"}};
  if (!peer.empty()) s["Peer"] = peer;
  return s;
}
Json deny(const std::string& name, const std::string& peer = "") {
  Json s = {{"Name", name}, {"Action", "deny"}};
  if (!peer.empty()) s["Peer"] = peer;
  return s;
}

// east (api, admin) and west (web, batch), peered: east calls west "west",
// west calls east "east"; east exports api and admin to west.
class Decisions : public ::testing::Test {
 protected:
  explicit Decisions(bool acl = false, const std::string& policy = "allow")
      : w(test::topology({test::cluster("east", {"api", "admin"}, acl, policy),
                          test::cluster("west", {"web", "batch"}, acl, policy,
                                        Json::array({test::token("web", {"web-sidecar"})}))})) {}
  void peer_and_export() {
    test::peer(w, "east", "west", "west", "east");
    ASSERT_EQ(test::write(w, "east", test::exports_to({{"api", "west"}, {"admin", "west"}})).status, 200);
  }
  void expect_same(const ServiceRef& s, const ServiceRef& d, const Request& req = {}) {
    EXPECT_EQ(w.allowed(s, d, req), w.check(s, d, req).allowed)
        << s.cluster << "/" << s.name << " -> " << d.cluster << "/" << d.name;
  }
  World w;
};

TEST_F(Decisions, LocalCallsUseIntentionsThenTheDefault) {
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({deny("admin")}))).status, 200);
  const Decision d = w.check(svc("east", "admin"), svc("east", "api"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "Matched L4 intention: default/admin => default/api (Precedence: 9, Action: DENY)");
  EXPECT_EQ(test::trail(d), "intention:no");
  const Decision other = w.check(svc("east", "batch"), svc("east", "api"));
  EXPECT_TRUE(other.allowed);  // ACLs off: intentions default to allow
  EXPECT_EQ(other.reason, "Default behavior configured by ACLs");
  EXPECT_EQ(test::trail(other), "default:ok");
}

TEST_F(Decisions, PeerlessWildcardNeverMatchesPeerTraffic) {
  peer_and_export();
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({deny("*")}))).status, 200);
  // The local `*` deny does not apply to web from peer "west": the default does.
  const Decision d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_TRUE(d.allowed) << d.reason;
  EXPECT_EQ(d.reason, "Default behavior configured by ACLs");
  EXPECT_EQ(test::trail(d), "peering:ok export:ok import-acl:ok default:ok");
  EXPECT_FALSE(w.allowed(svc("east", "admin"), svc("east", "api")));  // it does apply locally
  // A peer `*` does, and a peer source never matches local callers.
  ASSERT_EQ(test::write(w, "east",
                        test::intention("api", Json::array({deny("*"), deny("*", "west"), allow("admin", "west")})))
                .status,
            200);
  EXPECT_FALSE(w.allowed(svc("west", "web"), svc("east", "api")));
  EXPECT_FALSE(w.allowed(svc("east", "admin"), svc("east", "api")));
}

TEST_F(Decisions, ExactBeatsWildcardAcrossEntries) {
  ASSERT_EQ(test::write(w, "east", test::intention("*", Json::array({deny("*"), allow("admin")}))).status, 200);
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({deny("admin"), allow("*")}))).status, 200);
  const Decision d = w.check(svc("east", "admin"), svc("east", "api"));
  EXPECT_FALSE(d.allowed);  // 9 (admin -> api) before 8 (* -> api) before 6 (admin -> *)
  EXPECT_EQ(d.reason, "Matched L4 intention: default/admin => default/api (Precedence: 9, Action: DENY)");
  EXPECT_TRUE(w.allowed(svc("east", "batch"), svc("east", "api")));       // 8
  EXPECT_TRUE(w.allowed(svc("east", "admin"), svc("east", "billing")));   // 6
  EXPECT_FALSE(w.allowed(svc("east", "batch"), svc("east", "billing")));  // 5
}

TEST_F(Decisions, L7WithoutAMatchingPermissionFallsToTheDefault) {
  Json l7 = {{"Name", "admin"},
             {"Permissions", Json::array({{{"Action", "allow"}, {"HTTP", {{"PathPrefix", "/public"}}}},
                                          {{"Action", "deny"}, {"HTTP", {{"PathPrefix", "/admin"}}}}})}};
  // Default allow (ACLs off) under a lower-precedence `*` deny.
  ASSERT_EQ(test::write(w, "east", {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "http"}}).status, 200);
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({l7, deny("*")}))).status, 200);
  EXPECT_TRUE(w.allowed(svc("east", "admin"), svc("east", "api"), test::http("GET", "/public/x")));
  EXPECT_FALSE(w.allowed(svc("east", "admin"), svc("east", "api"), test::http("GET", "/admin")));
  const Decision open = w.check(svc("east", "admin"), svc("east", "api"), test::http("GET", "/other"));
  EXPECT_TRUE(open.allowed);  // the default allows; the `*` deny is not consulted for admin
  EXPECT_EQ(open.reason, "Default behavior configured by ACLs");
  EXPECT_FALSE(
      w.allowed(svc("east", "batch"), svc("east", "api"), test::http("GET", "/other")));  // `*` applies to others

  // Default deny under a lower-precedence `*` allow.
  World strict(test::topology({test::cluster("east", {"api", "admin"}, true, "deny")}));
  ASSERT_EQ(test::write(strict, "east", {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "http"}}).status,
            200);
  ASSERT_EQ(test::write(strict, "east", test::intention("api", Json::array({l7, allow("*")}))).status, 200);
  const Decision d = strict.check(svc("east", "admin"), svc("east", "api"), test::http("GET", "/other"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "Default behavior configured by ACLs");
  EXPECT_EQ(test::trail(d), "intention:no default:no");
  EXPECT_TRUE(strict.allowed(svc("east", "batch"), svc("east", "api"), test::http("GET", "/other")));
  // Without a request an L7 match counts as not allowed (intentions/check).
  const Decision l4q = strict.check(svc("east", "admin"), svc("east", "api"));
  EXPECT_FALSE(l4q.allowed);
  EXPECT_EQ(l4q.reason, "Matched L7 intention: default/admin => default/api (Precedence: 9, Permissions: 2)");
}

TEST(DefaultPolicy, Chain) {
  struct Case {
    const char* name;
    bool acl;
    const char* acl_default;
    Json dip;  // default_intention_policy
    bool want;
    const char* reason;
  };
  const Case cases[] = {
      {"acl_off", false, "deny", nullptr, true, "Default behavior configured by ACLs"},
      {"acl_default_deny", true, "deny", nullptr, false, "Default behavior configured by ACLs"},
      {"acl_default_allow", true, "allow", nullptr, true, "Default behavior configured by ACLs"},
      {"intention_policy_deny_over_acl_off", false, "allow", "deny", false, "Default intention policy"},
      {"intention_policy_allow_over_acl_deny", true, "deny", "allow", true, "Default intention policy"},
  };
  for (const Case& c : cases) {
    Json cl = test::cluster("c", {"a", "b"}, c.acl, c.acl_default);
    if (!c.dip.is_null()) cl["default_intention_policy"] = c.dip;
    World w(test::topology({cl}));
    const Decision d = w.check(svc("c", "a"), svc("c", "b"));
    EXPECT_EQ(d.allowed, c.want) << c.name;
    EXPECT_EQ(d.reason, c.reason) << c.name;
  }
}

TEST_F(Decisions, CrossClusterNeedsAnActivePeering) {
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"api", "west"}})).status, 200);
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({allow("web", "west")}))).status, 200);
  Decision d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason,
            "no ACTIVE peering between east/default and west/default: neither side has a peering record for the other");
  const Result g = test::generate(w, "east", "west");
  d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_FALSE(d.allowed);  // a token alone: the peer intention stays inert
  ASSERT_EQ(test::establish(w, "west", "east", g.outputs["PeeringToken"]).status, 200);
  d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_TRUE(d.allowed) << d.reason;
  EXPECT_EQ(d.reason, "Matched L4 intention: peer(west)/default/web => default/api (Precedence: 9, Action: ALLOW)");
  EXPECT_EQ(test::trail(d), "peering:ok export:ok import-acl:ok intention:ok");
  // Deleting the peering on either side ends it for both.
  ASSERT_EQ(w.apply(test::op("peering.delete", "east", "west", {{"PeerName", "west"}})).status, 200);
  d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.trail[0].check, "peering");
  EXPECT_NE(d.trail[0].detail.find("TERMINATED"), std::string::npos) << d.trail[0].detail;
}

TEST_F(Decisions, NotExportedIsDenied) {
  peer_and_export();
  const Decision d = w.check(svc("east", "api"), svc("west", "web"));  // west exports nothing
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "west/default has no exported-services entry: web is not exported to peer \"east\"");
}

class AclDecisions : public Decisions {
 protected:
  AclDecisions() : Decisions(true, "deny") {}
};

TEST_F(AclDecisions, ImportAclOnTheCallersCluster) {
  peer_and_export();
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({allow("*", "west")}))).status, 200);
  // No policy yet: web's token has no rules, default deny.
  Decision d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(test::trail(d), "peering:ok export:ok import-acl:no intention:ok");
  ASSERT_EQ(test::policy(w, "west", "web-sidecar", "service \"web\" { policy = \"write\" }").status, 200);
  d = w.check(svc("west", "web"), svc("east", "api"));
  EXPECT_TRUE(d.allowed) << d.reason;
  EXPECT_EQ(d.trail[2].data["service_rule"], "service \"web\" { policy = \"write\" } from policy \"web-sidecar\"");
  // batch has no token: the anonymous token, default deny.
  EXPECT_FALSE(w.allowed(svc("west", "batch"), svc("east", "api")));
  // Read on everything works only with nodes too and without a deny.
  ASSERT_EQ(test::policy(w, "west", "web-sidecar", "service_prefix \"\" { policy = \"read\" }").status, 200);
  EXPECT_FALSE(w.allowed(svc("west", "web"), svc("east", "api")));
  ASSERT_EQ(test::policy(w, "west", "web-sidecar",
                         "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }")
                .status,
            200);
  EXPECT_TRUE(w.allowed(svc("west", "web"), svc("east", "api")));
  ASSERT_EQ(test::policy(w, "west", "web-sidecar",
                         "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }\n"
                         "service \"batch\" { policy = \"deny\" }")
                .status,
            200);
  EXPECT_FALSE(w.allowed(svc("west", "web"), svc("east", "api")));
  expect_same(svc("west", "web"), svc("east", "api"));
}

TEST(ServiceIdentities, GrantImportedReads) {
  World w(
      test::topology({test::cluster("east", {"api"}, true, "deny"),
                      test::cluster("west", {"web"}, true, "deny", Json::array({test::token("web", {}, {"web"})}))}));
  test::peer(w, "east", "west", "west", "east");
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"api", "west"}})).status, 200);
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({allow("web", "west")}))).status, 200);
  EXPECT_TRUE(w.allowed(svc("west", "web"), svc("east", "api")));
}

TEST_F(Decisions, AllowedAgreesWithCheck) {
  peer_and_export();
  ASSERT_EQ(test::write(w, "west", test::exports_to({{"*", "east"}})).status, 200);
  ASSERT_EQ(test::write(w, "east", {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "http"}}).status, 200);
  Json l7 = {{"Name", "web"},
             {"Peer", "west"},
             {"Permissions", Json::array({{{"Action", "deny"}, {"HTTP", {{"PathPrefix", "/admin"}}}},
                                          {{"Action", "allow"}, {"HTTP", {{"Methods", {"GET"}}}}}})}};
  ASSERT_EQ(test::write(w, "east", test::intention("api", Json::array({l7, deny("*", "west"), allow("admin")}))).status,
            200);
  ASSERT_EQ(test::write(w, "east", test::intention("*", Json::array({deny("*")}))).status, 200);
  ASSERT_EQ(test::write(w, "west", test::intention("batch", Json::array({allow("api", "east")}))).status, 200);
  const std::vector<ServiceRef> all = {svc("east", "api"), svc("east", "admin"), svc("east", "nope"),
                                       svc("west", "web"), svc("west", "batch"), svc("north", "x")};
  const std::vector<Request> reqs = {Request{}, test::http("GET", "/x"), test::http("POST", "/x"),
                                     test::http("GET", "/admin/1")};
  for (const auto& s : all) {
    for (const auto& d : all) {
      for (const auto& r : reqs) expect_same(s, d, r);
    }
  }
}

}  // namespace
}  // namespace entryc::runtime
