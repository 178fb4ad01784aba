// Table test for intentions-source-duplicate: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"twice",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Action = \"allow\" },\n  { Name = \"web\", Action = \"deny\" },\n]\n",
     {"5:12 Sources[1].Name"}},
    {"renumbered",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Action = \"allow\" },\n  { Name = \"*\", Action = \"deny\" },\n  { Name = \"web\", Peer = \"east\", Action = \"allow\" },\n  { Name = \"web\", Peer = \"east\", Action = \"deny\" },\n]\n",
     {"7:12 Sources[3].Name"}},
    {"local_and_peer_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Action = \"allow\" },\n  { Name = \"web\", Peer = \"east\", Action = \"allow\" },\n]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsSourceDuplicate, "intentions-source-duplicate", kCases);

}  // namespace
