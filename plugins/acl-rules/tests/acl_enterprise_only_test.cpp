// Table test for acl-enterprise-only: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"namespace_ce", "namespace \"payments\" {\n  service_prefix \"\" {\n    policy = \"read\"\n  }\n}\n",
     {"1:1 namespace"}, false, "acl-rules"},
    {"partition_ent_ok", "partition \"web\" {\n  service_prefix \"\" {\n    policy = \"read\"\n  }\n}\n", {}, true,
     "acl-rules"},
    {"top_level_ok", "service_prefix \"\" { policy = \"read\" }\n", {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclEnterpriseOnly, "acl-enterprise-only", kCases);

}  // namespace
