// Table test for intentions-legacy-fields: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"legacy_meta",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\", LegacyMeta = { owner = \"a\" } } ]\n",
     {"3:60 Sources[0].LegacyMeta"}},
    {"snake_case_block",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name   = \"web\"\n  Action = \"allow\"\n  legacy_meta {\n    owner = \"a\"\n  }\n}\n",
     {"6:15 Sources[0].LegacyMeta"}},
    {"empty_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\", LegacyMeta = {} } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsLegacyFields, "intentions-legacy-fields", kCases);

}  // namespace
