// Each plan operation type -> its consul CLI command and the files it reads.
#include "cli_map.hpp"

#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::consul_http {
namespace {

using test::op;

// The command as words: a variable as $NAME, a file as <prefix><path>.
std::string words(const CliCommand& c) {
  std::string out;
  for (const Word& w : c.args) {
    if (!out.empty()) out += ' ';
    out += w.kind == Word::Kind::var ? "$" + w.text : w.prefix + w.text;
  }
  return out;
}

struct Case {
  std::string name;
  std::vector<Json> before;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
  Json op;
  std::string command;
  std::string capture;
  std::vector<std::pair<std::string, std::string>> files;  // path, text
};

std::vector<Case> cases() {
  const Json gen = op("peering.generate-token", "ce-1", "default", "ent-peer", R"({"PeerName":"ent-peer"})");
  Json cas_write = op("config.write", "ce-1", "default", "exported-services/default",
                      R"({"Kind":"exported-services","Name":"default"})", "update");
  cas_write["cas"] = 12;
  Json cas_delete = op("config.delete", "ce-1", "default", "service-intentions/legacy",
                       R"({"Kind":"service-intentions","Name":"legacy"})", "delete");
  cas_delete["cas"] = 7;
  return {
      {"generate_token", {}, gen, "peering generate-token -name ent-peer", "PEERING_TOKEN_CE_1_DEFAULT_ENT_PEER", {}},
      {"generate_token_ent_with_meta",
       {},
       op("peering.generate-token", "ent-1", "finance", "west",
          R"({"PeerName":"west","Partition":"finance","Meta":{"env":"prod"},"ServerExternalAddresses":["a:8503","b:8503"]})"),
       "peering generate-token -name west -partition finance -meta env=prod -server-external-addresses a:8503,b:8503",
       "PEERING_TOKEN_ENT_1_FINANCE_WEST",
       {}},
      {"establish",
       {gen},
       op("peering.establish", "ent-1", "analytics", "ce",
          R"({"PeerName":"ce","PeeringToken":{"$ref":"peering.generate-token:ce-1/default:ent-peer.PeeringToken"},"Partition":"analytics"})"),
       "peering establish -name ce -peering-token $PEERING_TOKEN_CE_1_DEFAULT_ENT_PEER -partition analytics",
       "",
       {}},
      {"config_write",
       {},
       op("config.write", "ce-1", "default", "exported-services/default", R"({"Kind":"exported-services","Name":"default"})"),
       "config write config/ce-1/default/exported-services/default.json",
       "",
       {{"config/ce-1/default/exported-services/default.json",
         "{\n  \"Kind\": \"exported-services\",\n  \"Name\": \"default\"\n}\n"}}},
      {"config_write_cas", {}, cas_write, "config write -cas -modify-index=12 config/ce-1/default/exported-services/default.json",
       "", {{"config/ce-1/default/exported-services/default.json",
             "{\n  \"Kind\": \"exported-services\",\n  \"Name\": \"default\"\n}\n"}}},
      {"config_write_ent_namespace",
       {},
       op("config.write", "ent-1", "finance", "service-intentions/payments/billing",
          R"({"Kind":"service-intentions","Name":"billing","Namespace":"payments","Partition":"finance"})"),
       "config write -partition finance -namespace payments config/ent-1/finance/service-intentions/payments/billing.json",
       "",
       {{"config/ent-1/finance/service-intentions/payments/billing.json",
         "{\n  \"Kind\": \"service-intentions\",\n  \"Name\": \"billing\",\n  \"Namespace\": \"payments\",\n  \"Partition\": "
         "\"finance\"\n}\n"}}},
      {"config_delete",
       {},
       op("config.delete", "ce-1", "default", "service-intentions/legacy", R"({"Kind":"service-intentions","Name":"legacy"})",
          "delete"),
       "config delete -kind service-intentions -name legacy",
       "",
       {}},
      {"config_delete_cas", {}, cas_delete, "config delete -kind service-intentions -name legacy -cas -modify-index=7", "",
       {}},
      {"config_delete_ent",
       {},
       op("config.delete", "ent-1", "finance", "service-intentions/payments/billing",
          R"({"Kind":"service-intentions","Name":"billing","Namespace":"payments","Partition":"finance"})", "delete"),
       "config delete -kind service-intentions -name billing -partition finance -namespace payments",
       "",
       {}},
      {"acl_policy_create",
       {},
       op("acl.policy.write", "ce-1", "default", "frontend-sidecar", R"({"Name":"frontend-sidecar","Rules":"acl = \"read\"\n"})"),
       "acl policy create -name frontend-sidecar -rules @acl/ce-1/default/frontend-sidecar.hcl",
       "",
       {{"acl/ce-1/default/frontend-sidecar.hcl", "acl = \"read\"\n"}}},
      {"acl_policy_update_ent",
       {},
       op("acl.policy.write", "ent-1", "finance", "reader", R"({"Name":"reader","Rules":"{}","Partition":"finance"})",
          "update"),
       "acl policy update -name reader -rules @acl/ent-1/finance/reader.hcl -no-merge -partition finance",
       "",
       {{"acl/ent-1/finance/reader.hcl", "{}"}}},
  };
}

class CliMapTest : public ::testing::TestWithParam<Case> {};

TEST_P(CliMapTest, Maps) {
  const Case& c = GetParam();
  const std::vector<ClusterAccess> clusters = test::clusters();
  CliMap map(clusters);
  for (const Json& b : c.before) map.map(b);
  const CliCommand got = map.map(c.op);
  EXPECT_EQ(got.cluster, c.op["cluster"].get<std::string>());
  EXPECT_EQ(words(got), c.command);
  EXPECT_EQ(got.capture_var, c.capture);
  ASSERT_EQ(got.files.size(), c.files.size());
  for (std::size_t i = 0; i < c.files.size(); ++i) {
    EXPECT_EQ(got.files[i].path, c.files[i].first);
    EXPECT_EQ(got.files[i].text, c.files[i].second);
  }
}

INSTANTIATE_TEST_SUITE_P(Ops, CliMapTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

TEST(CliMap, AFileNameIsNeverUsedTwice) {
  const std::vector<ClusterAccess> clusters = test::clusters();
  CliMap map(clusters);
  const Json a = op("config.write", "ce-1", "default", "x/a b", R"({"Kind":"x","Name":"a b"})");
  const Json b = op("config.write", "ce-1", "default", "x/a_b", R"({"Kind":"x","Name":"a_b"})");
  EXPECT_EQ(map.map(a).files.at(0).path, "config/ce-1/default/x/a_b.json");
  EXPECT_EQ(map.map(b).files.at(0).path, "config/ce-1/default/x/a_b-2.json");
}

TEST(CliMap, BodyMembersWithoutAFlagAreRefused) {
  const std::vector<ClusterAccess> clusters = test::clusters();
  CliMap map(clusters);
  try {
    map.map(op("acl.policy.write", "ce-1", "default", "p", R"({"Name":"p","Rules":"","Namespace":"x"})"));
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "operation acl.policy.write:ce-1/default:p: the consul CLI has no flag for 'Namespace'");
  }
}

}  // namespace
}  // namespace entryc::consul_http
