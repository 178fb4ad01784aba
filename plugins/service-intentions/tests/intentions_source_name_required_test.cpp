// Table test for intentions-source-name-required: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"missing",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Action = \"allow\" } ]\n",
     {"3:13 Sources[0].Name"}},
    {"renumbered",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"*\", Action = \"deny\" },\n  { Peer = \"east\", Action = \"allow\" },\n]\n",
     {"5:3 Sources[1].Name"}},
    {"named_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsSourceNameRequired, "intentions-source-name-required", kCases);

}  // namespace
