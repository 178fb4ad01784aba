// Table test for intentions-header-name-missing: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"missing",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Exact = \"1\" } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:22 Sources[0].Permissions[0].HTTP.Header[0].Name"}},
    {"second",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-a\", Present = true }, { Name = \"\", Present = true } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:65 Sources[0].Permissions[0].HTTP.Header[1].Name"}},
    {"named_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-a\", Exact = \"1\" } ]\n        }\n      },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsHeaderNameMissing, "intentions-header-name-missing", kCases);

}  // namespace
