// Table test for intentions-no-sources: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"absent",
     "Kind = \"service-intentions\"\nName = \"api\"\n",
     {"1:1 Sources"}},
    {"empty_list",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = []\n",
     {"3:11 Sources"}},
    {"one_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsNoSources, "intentions-no-sources", kCases);

}  // namespace
