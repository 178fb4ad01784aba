// Table test for intentions-header-match-count: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"two_tests",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Exact = \"prod\", Prefix = \"pr\" } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:65 Sources[0].Permissions[0].HTTP.Header[0].Prefix"}},
    {"no_test",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Invert = true } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:22 Sources[0].Permissions[0].HTTP.Header[0]"}},
    {"present_false_is_no_test",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Present = false } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:22 Sources[0].Permissions[0].HTTP.Header[0]"}},
    {"contains_and_suffix",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Contains = \"ro\", Suffix = \"d\" } ]\n        }\n      },\n    ]\n  }\n]\n",
     {"10:51 Sources[0].Permissions[0].HTTP.Header[0].Contains"}},
    {"one_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP {\n          Header = [ { Name = \"x-env\", Present = true, Invert = true } ]\n        }\n      },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsHeaderMatchCount, "intentions-header-match-count", kCases);

}  // namespace
