// Table test for intentions-permission-path-slash: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"prefix",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathPrefix = \"api/\" } },\n    ]\n  }\n]\n",
     {"7:47 Sources[0].Permissions[0].HTTP.PathPrefix"}},
    {"exact_snake_case",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { path_exact = \"health\" } },\n    ]\n  }\n]\n",
     {"7:47 Sources[0].Permissions[0].HTTP.PathExact"}},
    {"regex_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathRegex = \"api/.*\" } },\n    ]\n  }\n]\n",
     {}},
    {"slash_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathPrefix = \"/api/\" } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionPathSlash, "intentions-permission-path-slash", kCases);

}  // namespace
