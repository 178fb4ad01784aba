// Table test for intentions-peerless-wildcard-source: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"fires",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Peer = \"east\", Action = \"allow\" },\n  { Name = \"*\", Action = \"deny\" },\n]\n",
     {"5:12 Sources[1].Name"}},
    {"peer_wildcard_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Peer = \"east\", Action = \"allow\" },\n  { Name = \"*\", Peer = \"east\", Action = \"deny\" },\n]\n",
     {}},
    {"every_peer_has_its_own_wildcard_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Peer = \"east\", Action = \"allow\" },\n  { Name = \"*\", Peer = \"east\", Action = \"deny\" },\n  { Name = \"*\", Action = \"deny\" },\n]\n",
     {}},
    {"one_peer_uncovered",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Peer = \"east\", Action = \"allow\" },\n  { Name = \"*\", Peer = \"east\", Action = \"deny\" },\n  { Name = \"web\", Peer = \"west\", Action = \"allow\" },\n  { Name = \"*\", Action = \"deny\" },\n]\n",
     {"7:12 Sources[3].Name"}},
    {"no_peers_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Action = \"allow\" },\n  { Name = \"*\", Action = \"deny\" },\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsPeerlessWildcardSource, "intentions-peerless-wildcard-source", kCases);

}  // namespace
