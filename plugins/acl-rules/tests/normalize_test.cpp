// The plugin's normalize() for acl-rules, through the real host: the parsed
// acl.Policy, or the error acl.NewPolicyFromSource returns first (decoder
// errors before validation, validation in Consul's fixed order).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "entryc/consul_decode.hpp"
#include "entryc/document.hpp"
#include "entryc/plugin_host.hpp"

namespace {

using Json = nlohmann::ordered_json;

const entryc::plugins::Host& host() {
  static entryc::plugins::Host* h = [] {
    auto* p = new entryc::plugins::Host();
    entryc::diag::Collector sink;
    const std::vector<std::string> none;
    p->load(none, sink);
    return p;
  }();
  return *h;
}

struct Case {
  const char* name;
  const char* rules;     // HCL, or JSON (HCL v1's JSON parser)
  const char* error;     // Consul's whole message, or nullptr
  const char* policy;    // the normalized policy when accepted
};

const Case kCases[] = {
    {"types_in_validation_order", "service \"a\" { policy = \"nope\" }\nagent \"b\" { policy = \"nope\" }\n",
     "Invalid agent policy: &acl.AgentRule{Node:\"b\", Policy:\"nope\"}", nullptr},
    {"rules_in_source_order", "node \"a\" { policy = \"read\" }\nnode \"b\" { policy = \"x\" }\nnode \"c\" { policy = \"y\" }\n",
     "Invalid node policy: &acl.NodeRule{Name:\"b\", Policy:\"x\", EnterpriseRule:acl.EnterpriseRule{}}", nullptr},
    {"policy_before_intentions", "service \"a\" { policy = \"read\" intentions = \"x\" }\nservice \"b\" { policy = \"y\" }\n",
     "Invalid service intentions policy: &acl.ServiceRule{Name:\"a\", Policy:\"read\", Intentions:\"x\", "
     "EnterpriseRule:acl.EnterpriseRule{}}",
     nullptr},
    {"decoder_before_validation", "acl = \"nope\"\noperator { policy = \"read\" }\n",
     "Failed to parse ACL rules: root.operator: unknown type for string *ast.ObjectList", nullptr},
    {"decoder_field_order", "operator = [\"read\"]\nservice \"a\" { policy = [\"read\"] }\nnode = \"x\"\n",
     "Failed to parse ACL rules: unknown slice type: *ast.LiteralType", nullptr},
    {"decoder_index", "service \"a\" { policy = \"read\" }\nservice \"b\" { intentions = [] }\n",
     "Failed to parse ACL rules: root.service[1].Intentions: unknown type for string *ast.ListType", nullptr},
    {"list_of_names", "key = [\"a\"]\n", "Failed to parse ACL rules: root.key[0]: not an object type for struct (*ast.LiteralType)",
     nullptr},
    {"number_keeps_text", "service \"web\" { policy = 1 }\n",
     "Invalid service policy: &acl.ServiceRule{Name:\"web\", Policy:\"1\", Intentions:\"\", "
     "EnterpriseRule:acl.EnterpriseRule{}}",
     nullptr},
    {"bool_scalar", "acl = true\n", "Invalid acl policy: \"true\"", nullptr},
    {"go_quoting", "session \"a\\tb\\\"c\" { policy = \"nope\" }\n",
     "Invalid session policy: &acl.SessionRule{Node:\"a\\tb\\\"c\", Policy:\"nope\"}", nullptr},
    {"json_unflattened_object", "{\"service\": {\"web\": {\"policy\": \"read\"}, \"x\": \"y\"}}",
     "Invalid service policy: &acl.ServiceRule{Name:\"x\", Policy:\"\", Intentions:\"\", "
     "EnterpriseRule:acl.EnterpriseRule{}}",
     nullptr},
    {"unlabelled_block_is_rules", "node \"b\" { policy = \"read\" }\nservice { policy = \"write\" }\n", nullptr,
     R"({"Nodes":[{"Name":"b","Policy":"read"}],"Services":[{"Name":"policy","Policy":"write"}]})"},
    {"unlabelled_block_index", "service {\n  a { policy = \"read\" }\n  b = []\n}\n",
     "Failed to parse ACL rules: root.service[1]: not an object type for struct (*ast.ListType)", nullptr},
    {"scalar_last_spelling_wins", "acl = \"nope\"\nACL = \"read\"\n", nullptr, R"({"ACL":"read"})"},
    {"case_insensitive_types_and_keys",
     "Service \"web\" { POLICY = \"Write\" Intentions = \"read\" }\nKEY_prefix \"\" { policy = \"LIST\" }\n", nullptr,
     R"({"KeyPrefixes":[{"Prefix":"","Policy":"LIST"}],"Services":[{"Name":"web","Policy":"Write","Intentions":"read"}]})"},
    {"unknown_and_enterprise_ignored",
     "servce \"a\" { policy = \"nope\" }\nnamespace \"n\" { service \"a\" { policy = \"nope\" } }\nidentity \"i\" { policy = \"x\" }\n"
     "node \"n\" { policy = \"read\" comment = 1 }\n",
     nullptr, R"({"Nodes":[{"Name":"n","Policy":"read"}]})"},
    {"repeated_blocks_listed", "service \"web\" { policy = \"write\" }\nservice \"web\" { policy = \"read\" }\n", nullptr,
     R"({"Services":[{"Name":"web","Policy":"write"},{"Name":"web","Policy":"read"}]})"},
    {"three_labels_keep_the_first", "service \"a\" \"b\" \"c\" { policy = \"read\" }\n", nullptr,
     R"({"Services":[{"Name":"a","Policy":"read"}]})"},
    {"two_labels_lose_the_policy", "{\"service\": {\"a\": {\"b\": {\"policy\": \"read\"}}}}",
     "Invalid service policy: &acl.ServiceRule{Name:\"a\", Policy:\"\", Intentions:\"\", "
     "EnterpriseRule:acl.EnterpriseRule{}}",
     nullptr},
    {"empty", "", nullptr, "{}"},
};

class AclNormalize : public ::testing::TestWithParam<Case> {};

TEST_P(AclNormalize, FirstErrorOrPolicy) {
  const Case& c = GetParam();
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("rules.hcl", c.rules);
  entryc::diag::Collector sink;
  entryc::ReadOptions ro;
  ro.reader = entryc::Reader::hcl;
  ro.dup_error = true;
  entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, ro);
  ASSERT_TRUE(pd.accepted()) << pd.reference_error;
  const std::string json = pd.tree.root ? entryc::consul::to_json(pd.tree.root).dump() : std::string("{}");
  const auto n = host().normalize("acl-rules", json, "ce");
  using S = entryc::plugins::Host::Normalized::Status;
  if (c.error) {
    ASSERT_EQ(n.status, S::rejected) << n.json;
    EXPECT_EQ(n.error, c.error);
  } else {
    ASSERT_EQ(n.status, S::ok) << n.error;
    EXPECT_EQ(Json::parse(n.json), Json::parse(c.policy));
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, AclNormalize, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return std::string(i.param.name); });

}  // namespace
