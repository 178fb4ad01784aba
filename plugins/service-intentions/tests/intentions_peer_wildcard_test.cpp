// Table test for intentions-peer-wildcard: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"all_peers",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Peer = \"*\", Action = \"allow\" } ]\n",
     {"3:36 Sources[0].Peer"}},
    {"partial_renumbered",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"*\", Action = \"deny\" },\n  { Name = \"web\", Peer = \"east-*\", Action = \"allow\" },\n]\n",
     {"5:26 Sources[1].Peer"}},
    {"exact_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Peer = \"east\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPeerWildcard, "intentions-peer-wildcard", kCases);

}  // namespace
