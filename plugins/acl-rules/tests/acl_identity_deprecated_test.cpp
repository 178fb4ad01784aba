// Table test for acl-identity-deprecated: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"identity", "identity \"web\" {\n  policy = \"write\"\n}\n", {"1:1 identity"}, false, "acl-rules"},
    {"identity_prefix", "service \"a\" { policy = \"read\" }\nidentity_prefix \"\" { policy = \"read\" }\n",
     {"2:1 identity_prefix"}, false, "acl-rules"},
    {"none", "service \"a\" { policy = \"read\" }\n", {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclIdentityDeprecated, "acl-identity-deprecated", kCases);

}  // namespace
