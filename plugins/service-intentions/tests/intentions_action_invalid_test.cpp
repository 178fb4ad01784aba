// Table test for intentions-action-invalid: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"wrong_case",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"Allow\" } ]\n",
     {"3:38 Sources[0].Action"}},
    {"missing_renumbered",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"*\", Action = \"deny\" },\n  { Name = \"web\" },\n]\n",
     {"5:3 Sources[1].Action"}},
    {"l7_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Permissions = [ { Action = \"allow\", HTTP { PathPrefix = \"/\" } } ] } ]\n",
     {}},
    {"allow_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsActionInvalid, "intentions-action-invalid", kCases);

}  // namespace
