// The config-entry store: PUT /v1/config and DELETE as a Consul server
// answers them (indexes, no-op rewrites, CAS, kind dispatch, CE decode,
// the L7 protocol check).
#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::runtime {
namespace {

using test::op;

class ConfigStore : public ::testing::Test {
 protected:
  ConfigStore() : w(test::topology({test::cluster("c1", {"api", "web"})})) {}
  World w;
  const std::string key = "c1/default/config/service-intentions/default/api";
  Json api_entry(const std::string& action = "allow") {
    return test::intention("api", Json::array({{{"Name", "web"}, {"Action", action}}}));
  }
};

TEST_F(ConfigStore, IndexesComeFromTheClustersRaftIndex) {
  const Result r1 = test::write(w, "c1", api_entry());
  ASSERT_EQ(r1.status, 200) << r1.error;
  EXPECT_EQ(r1.touched, (std::vector<std::string>{"c1", key}));
  EXPECT_EQ(w.resource(key)["CreateIndex"], 1);
  EXPECT_EQ(w.resource(key)["ModifyIndex"], 1);
  ASSERT_EQ(test::write(w, "c1", test::exports_to({{"api", "p"}})).status, 200);
  const Result r2 = test::write(w, "c1", api_entry("deny"));
  ASSERT_EQ(r2.status, 200);
  EXPECT_EQ(w.resource(key)["CreateIndex"], 1);  // kept on update
  EXPECT_EQ(w.resource(key)["ModifyIndex"], 3);
  EXPECT_EQ(w.resource("c1")["Index"], 3);
}

TEST_F(ConfigStore, IdenticalRewriteIsANoOpThatSucceeds) {
  ASSERT_EQ(test::write(w, "c1", api_entry()).status, 200);
  Json same = api_entry();
  same["Sources"][0]["Type"] = "consul";  // what Normalize would add anyway
  Json o = op("config.write", "c1", "service-intentions/api", same);
  o["cas"] = 99;  // even a stale CAS index: §1.10.8
  const Result r = w.apply(o);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.touched.empty());
  EXPECT_EQ(r.outputs["Result"], true);
  EXPECT_EQ(w.resource("c1")["Index"], 1);
}

TEST_F(ConfigStore, CheckAndSet) {
  Json create = op("config.write", "c1", "service-intentions/api", api_entry());
  create["cas"] = 0;  // create-only
  ASSERT_EQ(w.apply(create).status, 200);
  Json again = op("config.write", "c1", "service-intentions/api", api_entry("deny"));
  again["cas"] = 0;
  const Result conflict = w.apply(again);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.outputs["Result"], false);
  EXPECT_TRUE(conflict.error.starts_with("Config entry not updated: service-intentions/api")) << conflict.error;
  EXPECT_NE(conflict.error.find("false"), std::string::npos);
  EXPECT_TRUE(conflict.touched.empty());
  again["cas"] = 7;
  EXPECT_EQ(w.apply(again).status, 409);
  again["cas"] = w.resource(key)["ModifyIndex"];
  EXPECT_EQ(w.apply(again).status, 200);
  EXPECT_EQ(w.resource(key)["Sources"][0]["Action"], "deny");
  again["cas"] = "abc";
  again["body"]["Sources"][0]["Action"] = "allow";
  const Result bad = w.apply(again);
  EXPECT_EQ(bad.status, 500);
  EXPECT_EQ(bad.error, "strconv.ParseUint: parsing \"abc\": invalid syntax");
}

TEST_F(ConfigStore, ConsulsDecodeTexts) {
  struct Case {
    Json body;
    int status;
    std::string error;
  };
  const Case cases[] = {
      {{{"Name", "x"}}, 400, "Request decoding failed: Payload does not contain a kind/Kind key at the top level"},
      {{{"KIND", "mesh"}}, 400, "Request decoding failed: Payload does not contain a kind/Kind key at the top level"},
      {{{"Kind", 5}}, 400, "Request decoding failed: Kind value in payload is not a string"},
      {{{"Kind", "exported-service"}, {"Name", "default"}},
       400,
       "Request decoding failed: invalid config entry kind: exported-service"},
      {{{"Kind", "control-plane-request-limit"}, {"Name", "x"}},
       400,
       "Request decoding failed: invalid config entry kind: control-plane-request-limit"},
      {{{"Kind", "service-intentions"}, {"Sources", Json::array({{{"Name", "web"}, {"Action", "allow"}}})}},
       500,
       "Name is required"},
      {{{"Kind", "exported-services"}}, 500, "exported-services Name must be \"default\""},
      {{{"Kind", "service-defaults"}}, 500, "Name is required"},
      {{{"Kind", "proxy-defaults"}, {"Name", "x"}}, 500, "invalid name (\"x\"), only \"global\" is supported"},
      {{{"Kind", "service-intentions"}, {"Name", "api"}}, 500, "At least one source is required"},
      {{{"Kind", "service-intentions"},
        {"Name", "api"},
        {"Sources", Json::array({{{"Name", "web"}, {"Action", "Allow"}}})}},
       500,
       "Sources[0].Action must be set to 'allow' or 'deny'"},
      {{{"Kind", "service-intentions"},
        {"Name", "api"},
        {"Sources", Json::array({{{"Name", "web"}, {"Peer", "*"}, {"Action", "allow"}}})}},
       500,
       "Sources[0].Peer: cannot use wildcard '*' in peer"},
      {{{"Kind", "exported-services"},
        {"Name", "default"},
        {"Services", Json::array({{{"Name", "api"}, {"Consumers", Json::array({{{"Peer", "*"}}})}}})}},
       500,
       "Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported"},
      {{{"Kind", "exported-services"},
        {"Name", "default"},
        {"Services", Json::array({{{"Name", "api"}, {"Consumers", Json::array({{{"PeerName", "x"}}})}}})}},
       400,
       "Request decoding failed: 1 error occurred:\n\t* invalid config key \"Services[0].Consumers[0].PeerName\"\n\n"},
      {Json::array(), 400,
       "Request decoding failed: json: cannot unmarshal array into Go value of type map[string]interface {}"},
  };
  for (const Case& c : cases) {
    const Result r = w.apply(op("config.write", "c1", "x/y", c.body));
    EXPECT_EQ(r.status, c.status) << c.body.dump();
    EXPECT_EQ(r.error, c.error) << c.body.dump();
    EXPECT_TRUE(r.touched.empty());
  }
}

TEST_F(ConfigStore, StoresEntriesAsConsulReturnsThem) {
  Json body = test::intention("api", Json::array({{{"Name", "*"}, {"Action", "deny"}},
                                                  {{"Name", "web"}, {"Peer", "east"}, {"Action", "allow"}}}));
  ASSERT_EQ(test::write(w, "c1", body).status, 200);
  const Json stored = w.resource(key);
  EXPECT_EQ(stored["Sources"][0]["Name"], "web");
  EXPECT_EQ(stored["Sources"][0]["Precedence"], 9);
  EXPECT_EQ(stored["Sources"][0]["Type"], "consul");
  EXPECT_EQ(stored["Sources"][1]["Precedence"], 8);
  EXPECT_TRUE(stored["Hash"].is_number_unsigned());
  Json exp = test::exports_to({{"api", "east"}});
  exp["Services"][0]["Namespace"] = "default";  // CE erases it
  ASSERT_EQ(test::write(w, "c1", exp).status, 200);
  const Json e = w.resource("c1/default/config/exported-services/default/default");
  EXPECT_FALSE(e["Services"][0].contains("Namespace"));
  EXPECT_EQ(e["Kind"], "exported-services");
  Json mesh = {{"Kind", "mesh"}, {"Peering", {{"PeerThroughMeshGateways", false}}}};
  ASSERT_EQ(w.apply(op("config.write", "c1", "mesh/mesh", mesh)).status, 200);
  EXPECT_EQ(w.resource("c1/default/config/mesh/default/mesh")["Name"], "mesh");
}

TEST_F(ConfigStore, L7NeedsAnHttpProtocol) {
  Json l7 = test::intention(
      "api", Json::array({{{"Name", "web"},
                           {"Permissions", Json::array({{{"Action", "allow"}, {"HTTP", {{"PathPrefix", "/"}}}}})}}}));
  const Result r = test::write(w, "c1", l7);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.error, "service \"api\" has protocol \"tcp\", which is incompatible with L7 intentions permissions");
  ASSERT_EQ(test::write(w, "c1", {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "http"}}).status, 200);
  ASSERT_EQ(test::write(w, "c1", l7).status, 200);
  // Downgrading the protocol under an L7 intention is refused too.
  const Result down = test::write(w, "c1", {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "tcp"}});
  EXPECT_EQ(down.status, 500);
  EXPECT_EQ(down.error, "service \"api\" has protocol \"tcp\", which is incompatible with L7 intentions permissions");
}

TEST_F(ConfigStore, Delete) {
  ASSERT_EQ(test::write(w, "c1", api_entry()).status, 200);
  EXPECT_EQ(w.apply(op("config.delete", "c1", "service-intentions", Json::object())).error,
            "Must provide both a kind and name to delete");
  EXPECT_EQ(w.apply(op("config.delete", "c1", "nope/api", Json::object())).error, "invalid config entry kind: nope");
  const Result gone = w.apply(op("config.delete", "c1", "service-intentions/api", Json::object()));
  EXPECT_EQ(gone.status, 200);
  EXPECT_EQ(gone.touched, (std::vector<std::string>{"c1", key}));
  EXPECT_TRUE(w.resource(key).is_null());
  const Result missing = w.apply(op("config.delete", "c1", "service-intentions/api", Json::object()));
  EXPECT_EQ(missing.status, 200);  // deleting a missing entry succeeds
  EXPECT_TRUE(missing.touched.empty());
}

TEST_F(ConfigStore, MalformedOperationsThrow) {
  EXPECT_THROW(w.apply(op("config.write", "nope", "x", Json::object())), Error);
  EXPECT_THROW(w.apply(op("config.write", "c1", "x", Json::object(), "eu")), Error);
  EXPECT_THROW(w.apply(op("config.frobnicate", "c1", "x", Json::object())), Error);
  EXPECT_THROW(w.apply(Json::array()), Error);
}

TEST(AclPolicies, WriteAndDelete) {
  World w(test::topology({test::cluster("c1", {"web"}, true, "deny")}));
  const Result r = test::policy(w, "c1", "frontend", "service \"web\" { policy = \"write\" }");
  ASSERT_EQ(r.status, 200) << r.error;
  const Json p = w.resource("c1/default/acl-policy/frontend");
  EXPECT_EQ(p["Name"], "frontend");
  EXPECT_EQ(p["CreateIndex"], 1);
  const std::string id = p["ID"].get<std::string>();
  ASSERT_EQ(test::policy(w, "c1", "frontend", "service \"web\" { policy = \"read\" }").status, 200);
  EXPECT_EQ(w.resource("c1/default/acl-policy/frontend")["ID"], id);  // an update keeps the ID
  EXPECT_EQ(w.resource("c1/default/acl-policy/frontend")["ModifyIndex"], 2);
  const Result bad = test::policy(w, "c1", "x", "service \"web\" { policy = \"nope\" }");
  EXPECT_EQ(bad.status, 500);
  EXPECT_TRUE(bad.error.starts_with("Invalid service policy: &acl.ServiceRule{")) << bad.error;
  EXPECT_EQ(test::policy(w, "c1", "builtin/x", "").error,
            "Invalid Policy: invalid Name. Names cannot be prefixed with '/' or 'builtin/'");
  EXPECT_EQ(w.apply(test::op("acl.policy.delete", "c1", "nope", Json::object())).error, "Cannot find policy to delete");
  EXPECT_EQ(w.apply(test::op("acl.policy.delete", "c1", "frontend", Json::object())).status, 200);
  EXPECT_TRUE(w.resource("c1/default/acl-policy/frontend").is_null());

  World off(test::topology({test::cluster("c1", {"web"}, false)}));
  const Result disabled = test::policy(off, "c1", "frontend", "");
  EXPECT_EQ(disabled.status, 401);
  EXPECT_EQ(disabled.error, "ACL support disabled");
}

}  // namespace
}  // namespace entryc::runtime
