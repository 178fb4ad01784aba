// Table test for intentions-action-with-permissions: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"both",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name   = \"web\"\n  Action = \"allow\"\n  Permissions {\n    Action = \"allow\"\n    HTTP { PathPrefix = \"/\" }\n  }\n}\n",
     {"5:12 Sources[0].Action"}},
    {"l7_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Permissions = [ { Action = \"allow\", HTTP { PathPrefix = \"/\" } } ] } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsActionWithPermissions, "intentions-action-with-permissions", kCases);

}  // namespace
