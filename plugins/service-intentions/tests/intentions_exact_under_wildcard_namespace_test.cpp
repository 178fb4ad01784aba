// Table test for intentions-exact-under-wildcard-namespace: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"destination",
     "Kind = \"service-intentions\"\nName = \"api\"\nNamespace = \"*\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {"2:8 Name"}, true},
    {"source",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Namespace = \"*\", Action = \"allow\" } ]\n",
     {"3:22 Sources[0].Name"}, true},
    {"all_wildcards_ok",
     "Kind = \"service-intentions\"\nName = \"*\"\nNamespace = \"*\"\nSources = [ { Name = \"*\", Namespace = \"*\", Action = \"deny\" } ]\n",
     {}, true},
    {"ce_has_no_namespaces",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Namespace = \"*\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsExactUnderWildcardNamespace, "intentions-exact-under-wildcard-namespace", kCases);

}  // namespace
