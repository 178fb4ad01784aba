// Table test for intentions-permission-http-empty: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"empty_block",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {}\n      },\n    ]\n  }\n]\n",
     {"9:14 Sources[0].Permissions[0].HTTP"}},
    {"empty_lists",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP = { Header = [], Methods = [] } },\n    ]\n  }\n]\n",
     {"7:34 Sources[0].Permissions[0].HTTP"}},
    {"method_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { Methods = [\"GET\"] } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionHttpEmpty, "intentions-permission-http-empty", kCases);

}  // namespace
