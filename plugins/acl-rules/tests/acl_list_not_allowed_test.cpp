// Table test for acl-list-not-allowed: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"service_prefix", "service_prefix \"\" {\n  policy = \"list\"\n}\n", {"2:12 service_prefix[0][\"\"][0].policy"},
     false, "acl-rules"},
    {"acl_scalar", "acl = \"list\"", {"1:7 acl"}, false, "acl-rules"},
    {"upper_case", "node_prefix \"\" { policy = \"LIST\" }\n", {"1:27 node_prefix[0][\"\"][0].policy"}, false,
     "acl-rules"},
    {"key_rules_ok", "key_prefix \"\" { policy = \"list\" }\nkey \"a\" { policy = \"LIST\" }\n", {}, false,
     "acl-rules"},
};

ENTRYC_RULE_TEST(AclListNotAllowed, "acl-list-not-allowed", kCases);

}  // namespace
