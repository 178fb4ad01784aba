// Table test for acl-invalid-policy: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"service_prefix_nope", "service_prefix \"foo\" {\n  policy = \"nope\"\n}\n",
     {"2:12 service_prefix[0].foo[0].policy"}, false, "acl-rules"},
    {"misspelt_policy_leaves_none", "node \"db\" {\n  polcy = \"read\"\n}\n", {"1:6 node[0].db"}, false, "acl-rules"},
    {"scalar", "operator = \"admin\"\n", {"1:12 operator"}, false, "acl-rules"},
    {"empty_policy", "agent \"a\" { policy = \"\" }\n", {"1:22 agent[0].a[0].policy"}, false, "acl-rules"},
    {"number", "key \"k\" { policy = 1 }\n", {"1:20 key[0].k[0].policy"}, false, "acl-rules"},
    {"second_of_two", "service \"a\" { policy = \"read\" }\nservice \"b\" { policy = \"wrte\" }\n",
     {"2:24 service[1].b[0].policy"}, false, "acl-rules"},
    {"unlabelled_block", "service {\n  web = \"read\"\n}\n", {"2:3 service[0].web"}, false, "acl-rules"},
    {"valid_in_any_case", "service \"web\" { policy = \"READ\" }\nkey_prefix \"\" { policy = \"list\" }\nkeyring = \"\"\n",
     {}, false, "acl-rules"},
    {"list_is_another_rule", "service \"web\" { policy = \"list\" }\n", {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclInvalidPolicy, "acl-invalid-policy", kCases);

}  // namespace
