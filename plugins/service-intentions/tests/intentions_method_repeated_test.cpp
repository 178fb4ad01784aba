// Table test for intentions-method-repeated: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"case_variant",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { Methods = [\"GET\", \"get\"] } },\n    ]\n  }\n]\n",
     {"7:52 Sources[0].Permissions[0].HTTP.Methods[1]"}},
    {"same",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { Methods = [\"PUT\", \"POST\", \"PUT\"] } },\n    ]\n  }\n]\n",
     {"7:60 Sources[0].Permissions[0].HTTP.Methods[2]"}},
    {"distinct_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { Methods = [\"GET\", \"HEAD\"] } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsMethodRepeated, "intentions-method-repeated", kCases);

}  // namespace
