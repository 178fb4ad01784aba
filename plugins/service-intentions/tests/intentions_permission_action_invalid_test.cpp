// Table test for intentions-permission-action-invalid: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"upper_case",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"ALLOW\", HTTP { PathPrefix = \"/\" } },\n    ]\n  }\n]\n",
     {"7:18 Sources[0].Permissions[0].Action"}},
    {"missing",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"deny\", HTTP { PathPrefix = \"/admin\" } },\n      { HTTP { PathPrefix = \"/\" } },\n    ]\n  }\n]\n",
     {"8:7 Sources[0].Permissions[1].Action"}},
    {"valid_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"deny\", HTTP { PathPrefix = \"/\" } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionActionInvalid, "intentions-permission-action-invalid", kCases);

}  // namespace
