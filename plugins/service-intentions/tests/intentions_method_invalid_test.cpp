// Table test for intentions-method-invalid: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"unknown",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { Methods = [\"GET\", \"FETCH\"] } },\n    ]\n  }\n]\n",
     {"7:52 Sources[0].Permissions[0].HTTP.Methods[1]"}},
    {"lower_case_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { Methods = [\"get\", \"post\", \"Delete\"] } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsMethodInvalid, "intentions-method-invalid", kCases);

}  // namespace
