// Table test for intentions-legacy-fields-ignored: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"legacy_id",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\", LegacyID = \"d1a8a1b2\" } ]\n",
     {"3:47 Sources[0].LegacyID"}},
    {"snake_case_times",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name               = \"web\"\n  Action             = \"allow\"\n  legacy_create_time = \"2024-01-02T03:04:05Z\"\n  legacy_update_time = \"2024-01-02T03:04:05Z\"\n}\n",
     {"6:3 Sources[0].LegacyCreateTime", "7:3 Sources[0].LegacyUpdateTime"}},
    {"none_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsLegacyFieldsIgnored, "intentions-legacy-fields-ignored", kCases);

}  // namespace
