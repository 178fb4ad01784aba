// Table test for intentions-permission-never-matches: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"slash_prefix_first",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathPrefix = \"/\" } },\n      { Action = \"deny\", HTTP { PathPrefix = \"/admin\" } },\n    ]\n  }\n]\n",
     {"8:7 Sources[0].Permissions[1]"}},
    {"identical",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"deny\", HTTP { PathExact = \"/a\", Methods = [\"GET\"] } },\n      { Action = \"allow\", HTTP { path_exact = \"/a\", Methods = [\"get\"] } },\n    ]\n  }\n]\n",
     {"8:7 Sources[0].Permissions[1]"}},
    {"methods_superset",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathPrefix = \"/api\", Methods = [\"GET\", \"HEAD\"] } },\n      { Action = \"deny\", HTTP { PathPrefix = \"/api/v1\", Methods = [\"GET\"] } },\n    ]\n  }\n]\n",
     {"8:7 Sources[0].Permissions[1]"}},
    {"narrow_first_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"deny\", HTTP { PathPrefix = \"/admin\" } },\n      { Action = \"allow\", HTTP { PathPrefix = \"/\" } },\n    ]\n  }\n]\n",
     {}},
    {"header_narrows_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      { Action = \"allow\", HTTP { PathPrefix = \"/\", Header = [ { Name = \"x-a\", Present = true } ] } },\n      { Action = \"deny\", HTTP { PathPrefix = \"/admin\" } },\n    ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionNeverMatches, "intentions-permission-never-matches", kCases);

}  // namespace
