// Table test for intentions-wildcard-partial: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"destination",
     "Kind = \"service-intentions\"\nName = \"api*\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {"2:8 Name"}},
    {"source_sorted_first",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"*\", Action = \"deny\" },\n  { Name = \"web*\", Action = \"allow\" },\n]\n",
     {"5:12 Sources[1].Name"}},
    {"block_syntax",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name   = \"*web\"\n  Action = \"allow\"\n}\n",
     {"4:12 Sources[0].Name"}},
    {"enterprise_namespace",
     "Kind = \"service-intentions\"\nName = \"api\"\nNamespace = \"team-*\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {"3:13 Namespace"}, true},
    {"bare_wildcards_ok",
     "Kind = \"service-intentions\"\nName = \"*\"\nSources = [ { Name = \"*\", Action = \"deny\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsWildcardPartial, "intentions-wildcard-partial", kCases);

}  // namespace
