// Table test for intentions-permission-path-conflict: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"exact_and_prefix",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathExact = \"/a\", PathPrefix = \"/b\" } },\n    ]\n  }\n]\n",
     {"7:65 Sources[0].Permissions[0].HTTP.PathPrefix"}},
    {"all_three",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { path_prefix = \"/b\", PathRegex = \"/c\", PathExact = \"/a\" } },\n    ]\n  }\n]\n",
     {"7:48 Sources[0].Permissions[0].HTTP.PathPrefix"}},
    {"one_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathExact = \"/a\" } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionPathConflict, "intentions-permission-path-conflict", kCases);

}  // namespace
