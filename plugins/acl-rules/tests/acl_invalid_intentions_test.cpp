// Table test for acl-invalid-intentions: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"allow", "service \"web\" {\n  policy     = \"write\"\n  intentions = \"allow\"\n}\n",
     {"3:16 service[0].web[0].intentions"}, false, "acl-rules"},
    {"list_on_prefix", "service_prefix \"\" { policy = \"read\" intentions = \"list\" }",
     {"1:50 service_prefix[0][\"\"][0].intentions"}, false, "acl-rules"},
    {"valid_ok", "service \"web\" { policy = \"write\" intentions = \"Write\" }\nservice \"db\" { policy = \"read\" intentions = \"\" }\n",
     {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclInvalidIntentions, "acl-invalid-intentions", kCases);

}  // namespace
