// Table test for acl-wrong-shape: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"operator_block", "operator {\n  policy = \"read\"\n}\n", {"1:1 operator"}, false, "acl-rules"},
    {"policy_list", "key_prefix \"app/\" {\n  policy = [\"read\", \"write\"]\n}\n",
     {"2:12 key_prefix[0][\"app/\"][0].policy"}, false, "acl-rules"},
    {"block_rule_as_value", "node = \"db-1\"\n", {"1:8 node"}, false, "acl-rules"},
    {"list_of_names", "service = [\"web\"]\n", {"1:12 service[0]"}, false, "acl-rules"},
    {"unlabelled_block_misread", "service_prefix {\n  policy = \"read\"\n}\n", {"2:3 service_prefix[0].policy"}, false,
     "acl-rules"},
    {"three_labels", "service \"a\" \"b\" \"c\" {\n  policy = \"read\"\n}\n", {"1:13 service[0].a[0].b"}, false,
     "acl-rules"},
    {"ok", "operator = \"read\"\nservice \"web\" { policy = \"read\" }\n", {}, false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclWrongShape, "acl-wrong-shape", kCases);

}  // namespace
