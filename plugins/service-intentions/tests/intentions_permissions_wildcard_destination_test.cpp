// Table test for intentions-permissions-wildcard-destination: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"wildcard_name",
     "Kind = \"service-intentions\"\nName = \"*\"\nSources = [ { Name = \"web\", Permissions = [ { Action = \"allow\", HTTP { PathPrefix = \"/\" } } ] } ]\n",
     {"3:43 Sources[0].Permissions"}},
    {"enterprise_wildcard_namespace",
     "Kind = \"service-intentions\"\nName = \"*\"\nNamespace = \"*\"\nSources = [ { Name = \"*\", Namespace = \"*\", Permissions = [ { Action = \"allow\", HTTP { PathPrefix = \"/\" } } ] } ]\n",
     {"4:58 Sources[0].Permissions"}, true},
    {"exact_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Permissions = [ { Action = \"allow\", HTTP { PathPrefix = \"/\" } } ] } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPermissionsWildcardDestination, "intentions-permissions-wildcard-destination", kCases);

}  // namespace
