// Table test for intentions-permission-http-missing: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"missing",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"deny\" },\n    ]\n  }\n]\n",
     {"7:7 Sources[0].Permissions[0].HTTP"}},
    {"block_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name = \"web\"\n  Permissions {\n    Action = \"deny\"\n    HTTP {\n      PathExact = \"/\"\n    }\n  }\n}\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionHttpMissing, "intentions-permission-http-missing", kCases);

}  // namespace
