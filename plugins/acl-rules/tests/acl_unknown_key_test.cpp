// Table test for acl-unknown-key: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"misspelt_rule_type", "servce \"web\" {\n  policy = \"read\"\n}\n", {"1:1 servce"}, false, "acl-rules"},
    {"misspelt_policy", "service \"web\" {\n  polcy = \"read\"\n}\n", {"2:3 service[0].web[0].polcy"}, false,
     "acl-rules"},
    {"intentions_on_key_rule", "key_prefix \"app/\" {\n  policy     = \"read\"\n  intentions = \"read\"\n}\n",
     {"3:3 key_prefix[0][\"app/\"][0].intentions"}, false, "acl-rules"},
    {"any_case_ok", "Service \"web\" { Policy = \"read\" Intentions = \"read\" }\nOPERATOR = \"read\"\n", {}, false,
     "acl-rules"},
    {"identity_and_namespace_are_other_rules", "identity \"x\" { policy = \"read\" }\nnamespace \"y\" {\n}\n", {},
     false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclUnknownKey, "acl-unknown-key", kCases);

}  // namespace
