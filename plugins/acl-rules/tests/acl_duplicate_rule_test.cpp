// Table test for acl-duplicate-rule: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"twice", "service \"web\" {\n  policy = \"write\"\n}\nservice \"web\" {\n  policy = \"read\"\n}\n",
     {"4:9 service[1].web"}, false, "acl-rules"},
    {"three_times",
     "key \"a\" { policy = \"read\" }\nkey \"a\" { policy = \"deny\" }\nkey \"a\" { policy = \"write\" }\n",
     {"2:5 key[1].a", "3:5 key[2].a"}, false, "acl-rules"},
    {"scalar_two_spellings", "acl = \"read\"\nACL = \"write\"\n", {"2:1 ACL"}, false, "acl-rules"},
    {"exact_and_prefix_ok",
     "service \"web\" { policy = \"read\" }\nservice_prefix \"web\" { policy = \"read\" }\nnode \"web\" { policy = \"read\" }\n",
     {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclDuplicateRule, "acl-duplicate-rule", kCases);

}  // namespace
