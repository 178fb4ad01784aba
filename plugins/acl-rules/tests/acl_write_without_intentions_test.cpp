// Table test for acl-write-without-intentions: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"prefix", "service_prefix \"\" {\n  policy = \"write\"\n}\n", {"2:12 service_prefix[0][\"\"][0].policy"}, false,
     "acl-rules"},
    {"sets_intentions_elsewhere",
     "service \"api\" {\n  policy     = \"write\"\n  intentions = \"write\"\n}\nservice \"web\" {\n  policy = \"write\"\n}\n",
     {"6:12 service[1].web[0].policy"}, false, "acl-rules"},
    {"mesh_gateway_token_ok",
     "service \"mesh-gateway\" {\n  policy = \"write\"\n}\nservice_prefix \"\" {\n  policy = \"read\"\n}\nmesh = \"write\"\n", {},
     false, "acl-rules"},
    {"sidecar_token_ok",
     "service \"frontend\" {\n  policy = \"write\"\n}\nservice \"frontend-sidecar-proxy\" {\n  policy = \"write\"\n}\n",
     {}, false, "acl-rules"},
    {"explicit_intentions_ok", "service_prefix \"\" {\n  policy     = \"write\"\n  intentions = \"read\"\n}\n", {},
     false, "acl-rules"},
};

ENTRYC_RULE_TEST(AclWriteWithoutIntentions, "acl-write-without-intentions", kCases);

}  // namespace
