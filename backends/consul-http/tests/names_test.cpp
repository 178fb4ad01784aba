#include "names.hpp"

#include <gtest/gtest.h>

#include "cluster_access.hpp"
#include "support.hpp"

namespace entryc::consul_http {
namespace {

TEST(Names, EnvironmentVariablesAreUpperCaseWithUnderscores) {
  EXPECT_EQ(env_suffix("cluster-01"), "CLUSTER_01");
  EXPECT_EQ(env_suffix("us.east/1"), "US_EAST_1");
  EXPECT_EQ(shell_suffix("Cluster-01"), "cluster_01");
  EXPECT_EQ(address_var("cluster-01"), "CONSUL_HTTP_ADDR_CLUSTER_01");
  EXPECT_EQ(token_var("cluster-01"), "CONSUL_HTTP_TOKEN_CLUSTER_01");
  EXPECT_EQ(peering_token_var("east", "finance", "west-analytics"), "PEERING_TOKEN_EAST_FINANCE_WEST_ANALYTICS");
  EXPECT_EQ(policy_id_var("c2", "default", "frontend-sidecar"), "ACL_POLICY_ID_C2_DEFAULT_FRONTEND_SIDECAR");
}

TEST(Names, FileSegmentsCannotLeaveTheirDirectory) {
  EXPECT_EQ(file_segment("backend-service"), "backend-service");
  EXPECT_EQ(file_segment("a/b"), "a_b");
  EXPECT_EQ(file_segment(".."), "_");
  EXPECT_EQ(file_segment("."), "_");
  EXPECT_EQ(file_segment(""), "_");
  EXPECT_EQ(file_segment("we b$"), "we_b_");
}

TEST(ClusterAccess, ReadsTheHttpBlock) {
  const std::vector<ClusterAccess> cs = test::clusters();
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].address, "https://consul.dc1.example:8501");  // trailing '/' dropped
  EXPECT_EQ(cs[0].token_var, "DC1_TOKEN");                       // the project's token_env
  EXPECT_EQ(cs[0].ca_file, "dc1-ca.pem");
  EXPECT_TRUE(cs[0].acl_enabled);
  EXPECT_FALSE(cs[0].enterprise);
  EXPECT_EQ(cs[1].address, "");
  EXPECT_EQ(cs[1].address_var, "CONSUL_HTTP_ADDR_ENT_1");
  EXPECT_EQ(cs[1].token_var, "CONSUL_HTTP_TOKEN_ENT_1");
  EXPECT_TRUE(cs[1].enterprise);
  EXPECT_EQ(cs[1].shell, "ent_1");
}

TEST(ClusterAccess, NamesThatShareVariablesAreRefused) {
  const Json p = Json::parse(R"({"clusters": [{"name": "a-b"}, {"name": "a_b"}]})");
  try {
    read_clusters(p);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "clusters 'a-b' and 'a_b' would share the variable CONSUL_HTTP_ADDR_A_B; rename one of them");
  }
}

}  // namespace
}  // namespace entryc::consul_http
