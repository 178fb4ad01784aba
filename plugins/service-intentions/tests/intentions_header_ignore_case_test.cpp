// Table test for intentions-header-ignore-case: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"regex_snake_case",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Regex = \"prod.*\", ignore_case = true } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:72 Sources[0].Permissions[0].HTTP.Header[0].IgnoreCase"}},
    {"present",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Present = true, IgnoreCase = true } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:69 Sources[0].Permissions[0].HTTP.Header[0].IgnoreCase"}},
    {"exact_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Exact = \"Prod\", IgnoreCase = true } ]\n        }\n      },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsHeaderIgnoreCase, "intentions-header-ignore-case", kCases);

}  // namespace
