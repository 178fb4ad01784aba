// Table test for intentions-name-required: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"missing",
     "Kind = \"service-intentions\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {"1:1 Name"}},
    {"empty",
     "Kind = \"service-intentions\"\nName = \"\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {"2:8 Name"}},
    {"named_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsNameRequired, "intentions-name-required", kCases);

}  // namespace
