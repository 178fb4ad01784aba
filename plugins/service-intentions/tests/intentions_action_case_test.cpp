// Table test for intentions-action-case: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"source",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"Allow\" } ]\n",
     {"3:38 Sources[0].Action"}},
    {"permission",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"DENY\", HTTP { PathPrefix = \"/\" } },\n    ]\n  }\n]\n",
     {"7:18 Sources[0].Permissions[0].Action"}},
    {"other_word_no_note",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"permit\" } ]\n",
     {}},
    {"lower_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsActionCase, "intentions-action-case", kCases);

}  // namespace
