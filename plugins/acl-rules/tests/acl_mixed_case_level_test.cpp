// Table test for acl-mixed-case-level: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"service_write", "service \"web\" {\n  policy = \"WRITE\"\n}\n", {"2:12 service[0].web[0].policy"}, false,
     "acl-rules"},
    {"scalar", "operator = \"Read\"\n", {"1:12 operator"}, false, "acl-rules"},
    {"intentions", "service \"web\" { policy = \"read\" intentions = \"Deny\" }\n",
     {"1:46 service[0].web[0].intentions"}, false, "acl-rules"},
    {"lowercase_ok", "service \"web\" { policy = \"write\" }\nacl = \"read\"\n", {}, false, "acl-rules"},
    {"invalid_is_another_rule", "service \"web\" { policy = \"NOPE\" }\n", {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclMixedCaseLevel, "acl-mixed-case-level", kCases);

}  // namespace
