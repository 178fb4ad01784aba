// Table test for intentions-precedence-ignored: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"written",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\", Precedence = 10 } ]\n",
     {"3:47 Sources[0].Precedence"}},
    {"string_value",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name       = \"*\"\n  Action     = \"deny\"\n  precedence = \"8\"\n}\n",
     {"6:3 Sources[0].Precedence"}},
    {"none_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPrecedenceIgnored, "intentions-precedence-ignored", kCases);

}  // namespace
