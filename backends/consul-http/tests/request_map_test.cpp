// Each plan operation type -> the HTTP request(s) of consul-semantics.md:
// edition-dependent query parameters, CAS, delete, ACL policy create/update,
// and the peering token as a variable from generate-token to establish.
#include "request_map.hpp"

#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::consul_http {
namespace {

using test::op;

struct Want {
  std::string method, path;
  std::string body;     // compact JSON; "" for none
  std::string capture;  // "VAR=Field"; "" for none
  bool expect_true = false;
  std::string error, refused;
};

struct Case {
  std::string name;
  std::vector<Json> before;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }  // operations mapped first (what `op` refers to)
  Json op;
  std::vector<Want> want;
};

const std::string kGenCe = "peering.generate-token:ce-1/default:ent-peer";
const std::string kGenEnt = "peering.generate-token:ent-1/finance:west";

std::vector<Case> cases() {
  const Json gen_ce = op("peering.generate-token", "ce-1", "default", "ent-peer", R"({"PeerName":"ent-peer"})");
  const Json gen_ent =
      op("peering.generate-token", "ent-1", "finance", "west", R"({"PeerName":"west","Partition":"finance"})");
  Json cas_write = op("config.write", "ce-1", "default", "exported-services/default",
                      R"({"Kind":"exported-services","Name":"default","Services":[]})", "update");
  cas_write["cas"] = 12;
  Json cas_delete = op("config.delete", "ce-1", "default", "service-intentions/legacy",
                       R"({"Kind":"service-intentions","Name":"legacy"})", "delete");
  cas_delete["cas"] = 7;
  Json cas_zero = op("config.write", "ce-1", "default", "mesh/mesh", R"({"Kind":"mesh","Name":"mesh"})");
  cas_zero["cas"] = 0;
  return {
      {"generate_token_ce", {}, gen_ce,
       {{"POST", "/v1/peering/token", R"({"PeerName":"ent-peer"})",
         "PEERING_TOKEN_CE_1_DEFAULT_ENT_PEER=PeeringToken", false, "Error generating peering token for ent-peer", ""}}},
      {"generate_token_ent_partition", {}, gen_ent,
       {{"POST", "/v1/peering/token?partition=finance", R"({"PeerName":"west","Partition":"finance"})",
         "PEERING_TOKEN_ENT_1_FINANCE_WEST=PeeringToken", false, "Error generating peering token for west", ""}}},
      {"generate_token_ent_default_partition",
       {},
       op("peering.generate-token", "ent-1", "default", "x", R"({"PeerName":"x"})"),
       {{"POST", "/v1/peering/token?partition=default", R"({"PeerName":"x"})", "PEERING_TOKEN_ENT_1_DEFAULT_X=PeeringToken",
         false, "Error generating peering token for x", ""}}},
      {"establish_ce_uses_the_token_variable",
       {gen_ent},
       op("peering.establish", "ce-1", "default", "east",
          R"({"PeerName":"east","PeeringToken":{"$ref":")" + kGenEnt + R"(.PeeringToken"}})"),
       {{"POST", "/v1/peering/establish",
         R"({"PeerName":"east","PeeringToken":{"$var":"PEERING_TOKEN_ENT_1_FINANCE_WEST"}})", "", false,
         "Error establishing peering for east", ""}}},
      {"establish_ent_partition",
       {gen_ce},
       op("peering.establish", "ent-1", "analytics", "ce",
          R"({"PeerName":"ce","PeeringToken":{"$ref":")" + kGenCe + R"(.PeeringToken"},"Partition":"analytics"})"),
       {{"POST", "/v1/peering/establish?partition=analytics",
         R"({"PeerName":"ce","PeeringToken":{"$var":"PEERING_TOKEN_CE_1_DEFAULT_ENT_PEER"},"Partition":"analytics"})",
         "", false, "Error establishing peering for ce", ""}}},
      {"config_write_ce",
       {},
       op("config.write", "ce-1", "default", "exported-services/default",
          R"({"Kind":"exported-services","Name":"default","Services":[{"Name":"api","Namespace":"default","Consumers":[{"Peer":"c2"}]}]})"),
       {{"PUT", "/v1/config",
         R"({"Kind":"exported-services","Name":"default","Services":[{"Name":"api","Namespace":"default","Consumers":[{"Peer":"c2"}]}]})",
         "", true, "Error writing config entry exported-services/default",
         "Config entry not updated: exported-services/default"}}},
      {"config_write_ce_cas", {}, cas_write,
       {{"PUT", "/v1/config?cas=12", R"({"Kind":"exported-services","Name":"default","Services":[]})", "", true,
         "Error writing config entry exported-services/default", "Config entry not updated: exported-services/default"}}},
      {"config_write_cas_zero_creates_only", {}, cas_zero,
       {{"PUT", "/v1/config?cas=0", R"({"Kind":"mesh","Name":"mesh"})", "", true, "Error writing config entry mesh/mesh",
         "Config entry not updated: mesh/mesh"}}},
      {"config_write_ent_namespace_and_partition",
       {},
       op("config.write", "ent-1", "finance", "service-intentions/payments/billing",
          R"({"Kind":"service-intentions","Name":"billing","Namespace":"payments","Sources":[],"Partition":"finance"})"),
       {{"PUT", "/v1/config?ns=payments&partition=finance",
         R"({"Kind":"service-intentions","Name":"billing","Namespace":"payments","Sources":[],"Partition":"finance"})", "",
         true, "Error writing config entry service-intentions/billing",
         "Config entry not updated: service-intentions/billing"}}},
      {"config_write_ent_default_namespace_is_not_a_parameter",
       {},
       op("config.write", "ent-1", "default", "service-intentions/api",
          R"({"Kind":"service-intentions","Name":"api","Namespace":"default","Sources":[]})"),
       {{"PUT", "/v1/config?partition=default",
         R"({"Kind":"service-intentions","Name":"api","Namespace":"default","Sources":[]})", "", true,
         "Error writing config entry service-intentions/api", "Config entry not updated: service-intentions/api"}}},
      {"config_write_ce_never_sends_scope",
       {},
       op("config.write", "ce-1", "default", "service-intentions/api",
          R"({"Kind":"service-intentions","Name":"api","Namespace":"default","Sources":[]})"),
       {{"PUT", "/v1/config", R"({"Kind":"service-intentions","Name":"api","Namespace":"default","Sources":[]})", "", true,
         "Error writing config entry service-intentions/api", "Config entry not updated: service-intentions/api"}}},
      {"config_delete_ce",
       {},
       op("config.delete", "ce-1", "default", "service-intentions/legacy", R"({"Kind":"service-intentions","Name":"legacy"})",
          "delete"),
       {{"DELETE", "/v1/config/service-intentions/legacy", "", "", false,
         "Error deleting config entry service-intentions/legacy", ""}}},
      {"config_delete_ce_cas", {}, cas_delete,
       {{"DELETE", "/v1/config/service-intentions/legacy?cas=7", "", "", true,
         "Error deleting config entry service-intentions/legacy", "Config entry not deleted: service-intentions/legacy"}}},
      {"config_delete_ent_scope",
       {},
       op("config.delete", "ent-1", "finance", "service-intentions/payments/billing",
          R"({"Kind":"service-intentions","Name":"billing","Namespace":"payments","Partition":"finance"})", "delete"),
       {{"DELETE", "/v1/config/service-intentions/billing?ns=payments&partition=finance", "", "", false,
         "Error deleting config entry service-intentions/billing", ""}}},
      {"config_delete_escapes_the_name",
       {},
       op("config.delete", "ce-1", "default", "service-intentions/web api",
          R"({"Kind":"service-intentions","Name":"web api"})", "delete"),
       {{"DELETE", "/v1/config/service-intentions/web%20api", "", "", false,
         "Error deleting config entry service-intentions/web api", ""}}},
      {"acl_policy_create_ce",
       {},
       op("acl.policy.write", "ce-1", "default", "frontend-sidecar",
          R"({"Name":"frontend-sidecar","Rules":"service \"frontend\" {\n  policy = \"write\"\n}\n"})"),
       {{"PUT", "/v1/acl/policy", R"({"Name":"frontend-sidecar","Rules":"service \"frontend\" {\n  policy = \"write\"\n}\n"})",
         "", false, "Error creating ACL policy frontend-sidecar", ""}}},
      {"acl_policy_create_ent",
       {},
       op("acl.policy.write", "ent-1", "finance", "reader", R"({"Name":"reader","Rules":"","Partition":"finance"})"),
       {{"PUT", "/v1/acl/policy?partition=finance", R"({"Name":"reader","Rules":"","Partition":"finance"})", "", false,
         "Error creating ACL policy reader", ""}}},
      {"acl_policy_update_reads_the_id_by_name_first",
       {},
       op("acl.policy.write", "ce-1", "default", "frontend-sidecar", R"({"Name":"frontend-sidecar","Rules":"acl = \"read\""})",
          "update"),
       {{"GET", "/v1/acl/policy/name/frontend-sidecar", "", "ACL_POLICY_ID_CE_1_DEFAULT_FRONTEND_SIDECAR=ID", false,
         "Error reading ACL policy frontend-sidecar", ""},
        {"PUT", "/v1/acl/policy/${ACL_POLICY_ID_CE_1_DEFAULT_FRONTEND_SIDECAR}",
         R"({"Name":"frontend-sidecar","Rules":"acl = \"read\""})", "", false, "Error updating ACL policy frontend-sidecar",
         ""}}},
      {"acl_policy_update_ent",
       {},
       op("acl.policy.write", "ent-1", "finance", "reader", R"({"Name":"reader","Rules":"","Partition":"finance"})",
          "update"),
       {{"GET", "/v1/acl/policy/name/reader?partition=finance", "", "ACL_POLICY_ID_ENT_1_FINANCE_READER=ID", false,
         "Error reading ACL policy reader", ""},
        {"PUT", "/v1/acl/policy/${ACL_POLICY_ID_ENT_1_FINANCE_READER}?partition=finance",
         R"({"Name":"reader","Rules":"","Partition":"finance"})", "", false, "Error updating ACL policy reader", ""}}},
  };
}

class RequestMapTest : public ::testing::TestWithParam<Case> {};

TEST_P(RequestMapTest, Maps) {
  const Case& c = GetParam();
  const std::vector<ClusterAccess> clusters = test::clusters();
  RequestMap map(clusters);
  for (const Json& b : c.before) map.map(b);
  const std::vector<Request> got = map.map(c.op);
  ASSERT_EQ(got.size(), c.want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(i);
    const Request& r = got[i];
    const Want& w = c.want[i];
    EXPECT_EQ(r.op, c.op["id"].get<std::string>());
    EXPECT_EQ(r.cluster, c.op["cluster"].get<std::string>());
    EXPECT_EQ(r.method, w.method);
    EXPECT_EQ(r.path, w.path);
    EXPECT_EQ(r.body ? r.body->dump() : "", w.body);
    EXPECT_EQ(r.capture_var.empty() ? "" : r.capture_var + "=" + r.capture_field, w.capture);
    EXPECT_EQ(r.expect_true, w.expect_true);
    EXPECT_EQ(r.error, w.error);
    EXPECT_EQ(r.refused, w.refused);
  }
}

INSTANTIATE_TEST_SUITE_P(Ops, RequestMapTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

std::string error_of(const std::vector<Json>& ops) {
  const std::vector<ClusterAccess> clusters = test::clusters();
  RequestMap map(clusters);
  try {
    for (const Json& o : ops) map.map(o);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(RequestMapErrors, UnknownTypeClusterAndReferences) {
  EXPECT_EQ(error_of({op("peering.delete", "ce-1", "default", "x", "{}")}),
            "operation peering.delete:ce-1/default:x: the consul-http backend does not know the type 'peering.delete'");
  EXPECT_EQ(error_of({op("config.write", "nowhere", "default", "mesh/mesh", "{}")}),
            "the plan names cluster 'nowhere', which the project does not declare");
  EXPECT_EQ(error_of({op("peering.establish", "ce-1", "default", "x",
                         R"({"PeerName":"x","PeeringToken":{"$ref":"gen.PeeringToken"}})")}),
            "the plan refers to gen.PeeringToken, which no earlier operation produces");
  Json bad_cas = op("config.write", "ce-1", "default", "mesh/mesh", R"({"Kind":"mesh","Name":"mesh"})");
  bad_cas["cas"] = -1;
  EXPECT_EQ(error_of({bad_cas}),
            "operation config.write:ce-1/default:mesh/mesh: \"cas\" must be a non-negative integer");
}

TEST(RequestMapErrors, ALiteralPeeringTokenIsNeverPassedOn) {
  EXPECT_EQ(error_of({op("peering.establish", "ce-1", "default", "x", R"({"PeerName":"x","PeeringToken":"c2VjcmV0"})")}),
            "operation peering.establish:ce-1/default:x: PeeringToken must be a reference to the operation that "
            "generates it");
}

TEST(RequestMap, TwoPeeringsWithTheSameNamesGetDistinctVariables) {
  const std::vector<ClusterAccess> clusters = test::clusters();
  RequestMap map(clusters);
  Json a = op("peering.generate-token", "ce-1", "default", "p", R"({"PeerName":"p"})");
  Json b = a;
  b["id"] = "another-id";
  EXPECT_EQ(map.map(a).front().capture_var, "PEERING_TOKEN_CE_1_DEFAULT_P");
  EXPECT_EQ(map.map(b).front().capture_var, "PEERING_TOKEN_CE_1_DEFAULT_P_2");
}

}  // namespace
}  // namespace entryc::consul_http
