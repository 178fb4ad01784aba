// The seed scenario ("Establish cluster peering connections") end to end:
// the plan `entryc plan` makes for samples/seed-two-clusters, applied in
// process, then the decisions it is for.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "support.hpp"

namespace entryc::runtime {
namespace {

using test::svc;

// project_json for samples/seed-two-clusters/entryc.hcl, plus a second
// caller on cluster-02 ("reporting") that has the same ACL policy but no
// intention.
Json seed_topology() {
  Json c1 = test::cluster("cluster-01", {"backend-service"}, true, "deny");
  c1["datacenter"] = "dc1";
  Json c2 = test::cluster("cluster-02", {"frontend-service", "reporting"}, true, "deny",
                          Json::array({test::token("frontend-service", {"frontend-sidecar"}),
                                       test::token("reporting", {"frontend-sidecar"})}));
  c2["datacenter"] = "dc2";
  Json t = test::topology({c1, c2});
  t["peerings"] = Json::array({{{"id", "cluster-01--cluster-02"},
                                {"acceptor", "cluster-01/default"},
                                {"dialer", "cluster-02/default"},
                                {"acceptor_peer_name", "cluster-02"},
                                {"dialer_peer_name", "cluster-01"}}});
  return t;
}

// The sample's expected plan, one operation per line after the header.
std::vector<Json> seed_plan() {
  const std::string text =
      test::read_file(std::string(ENTRYC_SOURCE_DIR) + "/samples/seed-two-clusters/plan.json.expected");
  std::vector<Json> ops;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("{\"id\"")) continue;
    if (line.back() == ',') line.pop_back();
    ops.push_back(Json::parse(line));
  }
  return ops;
}

// {"$ref": "<op id>.PeeringToken"} -> the output of that operation.
void resolve(Json& v, const std::map<std::string, Json>& outputs) {
  if (v.is_object() && v.size() == 1 && v.contains("$ref")) {
    const std::string ref = v["$ref"].get<std::string>();
    const std::size_t dot = ref.rfind('.');
    v = outputs.at(ref.substr(0, dot)).at(ref.substr(dot + 1));
    return;
  }
  if (v.is_object() || v.is_array()) {
    for (auto& e : v) resolve(e, outputs);
  }
}

class SeedScenario : public ::testing::Test {
 protected:
  SeedScenario() : w(seed_topology()) {
    w.seed(2024);
    std::map<std::string, Json> outputs;
    for (Json op : seed_plan()) {
      resolve(op, outputs);
      const Result r = w.apply(op);
      EXPECT_EQ(r.status, 200) << op["id"] << ": " << r.error;
      outputs[op["id"].get<std::string>()] = r.outputs;
      ids.push_back(op["id"].get<std::string>());
    }
  }
  World w;
  std::vector<std::string> ids;
};

TEST_F(SeedScenario, ThePlanApplies) {
  EXPECT_EQ(ids, (std::vector<std::string>{"peering.generate-token:cluster-01/default:cluster-02",
                                           "peering.establish:cluster-02/default:cluster-01",
                                           "config.write:cluster-01/default:exported-services/default",
                                           "config.write:cluster-01/default:service-intentions/backend-service",
                                           "acl.policy.write:cluster-02/default:frontend-sidecar"}));
  const Json snap = w.snapshot();
  EXPECT_EQ(snap["clusters"]["cluster-01"]["partitions"]["default"]["peerings"][0]["State"], "ACTIVE");
  EXPECT_EQ(snap["clusters"]["cluster-02"]["partitions"]["default"]["peerings"][0]["State"], "ACTIVE");
  EXPECT_EQ(snap["clusters"]["cluster-01"]["partitions"]["default"]["config_entries"].size(), 2U);
  EXPECT_EQ(snap["clusters"]["cluster-02"]["partitions"]["default"]["acl_policies"][0]["Name"], "frontend-sidecar");
  EXPECT_EQ(w.imported("cluster-02", "default").dump(),
            R"([{"Peer":"cluster-01","Service":"backend-service","Namespace":"default"}])");
  EXPECT_EQ(w.exported("cluster-01", "default").dump(),
            R"([{"Service":"backend-service","Consumers":{"Peers":["cluster-02"]}}])");
}

TEST_F(SeedScenario, FrontendCallsBackendAcrossThePeering) {
  const Decision d = w.check(svc("cluster-02", "frontend-service"), svc("cluster-01", "backend-service"));
  EXPECT_TRUE(d.allowed) << d.reason;
  EXPECT_EQ(
      d.reason,
      "Matched L4 intention: peer(cluster-02)/default/frontend-service => default/backend-service (Precedence: 9, "
      "Action: ALLOW)");
  ASSERT_EQ(test::trail(d), "peering:ok export:ok import-acl:ok intention:ok");
  EXPECT_EQ(d.trail[0].data["dst_peer_name"], "cluster-02");
  EXPECT_EQ(d.trail[0].data["src_peer_name"], "cluster-01");
  EXPECT_EQ(d.trail[1].detail,
            "cluster-01 exports backend-service to peer \"cluster-02\" (exported-services/default Services[0])");
  EXPECT_EQ(d.trail[2].data["token"], "frontend-service");
  EXPECT_EQ(d.trail[2].data["service_rule"],
            "service \"frontend-service\" { policy = \"write\" } from policy \"frontend-sidecar\"");
  EXPECT_EQ(d.trail[3].data["entry"], "service-intentions/backend-service");
  EXPECT_TRUE(w.allowed(svc("cluster-02", "frontend-service"), svc("cluster-01", "backend-service")));
}

TEST_F(SeedScenario, AServiceWithoutAnIntentionIsDenied) {
  const Decision d = w.check(svc("cluster-02", "reporting"), svc("cluster-01", "backend-service"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "Default behavior configured by ACLs");
  EXPECT_EQ(test::trail(d), "peering:ok export:ok import-acl:ok default:no");
  EXPECT_FALSE(w.allowed(svc("cluster-02", "reporting"), svc("cluster-01", "backend-service")));
  // And the other direction is not exported at all.
  EXPECT_FALSE(w.allowed(svc("cluster-01", "backend-service"), svc("cluster-02", "frontend-service")));
}

TEST_F(SeedScenario, ReapplyingThePlanIsRefusedWhereConsulRefusesIt) {
  // A second generate-token is fine (a new secret); establishing again with
  // the first token is a reuse.
  const Result g = test::generate(w, "cluster-01", "cluster-02");
  EXPECT_EQ(g.status, 200);
  const Json first_token = w.peerings("cluster-01", "default")[0];
  EXPECT_EQ(first_token["State"], "ACTIVE");
  const Result e = test::establish(w, "cluster-02", "cluster-01", g.outputs["PeeringToken"]);
  EXPECT_EQ(e.status, 200) << e.error;  // the newest token works once
  const Result again = test::establish(w, "cluster-02", "cluster-01", g.outputs["PeeringToken"]);
  EXPECT_EQ(again.status, 403);
  EXPECT_TRUE(w.allowed(svc("cluster-02", "frontend-service"), svc("cluster-01", "backend-service")));
}

}  // namespace
}  // namespace entryc::runtime
