// Table test for intentions-peerless-wildcard-source: positions in HCL, the same paths in the JSON twin;
// then in a project, where only the partition's own peers send traffic.
#include "lint_harness.hpp"
#include "project_harness.hpp"

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

// cluster-01 calls its one peer "cluster-02"; its entries are c1/*.hcl.
const std::string kProject =
    "cluster \"cluster-01\" {\n  entries = [\"c1/*.hcl\"]\n}\ncluster \"cluster-02\" {}\n"
    "peering \"p1\" {\n  acceptor = \"cluster-01\"\n  dialer = \"cluster-02\"\n}\n";

std::string sources(const std::string& first) {
  return "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { " + first +
         " },\n"
         "  { Name = \"*\", Peer = \"cluster-02\", Action = \"deny\" },\n"
         "  { Name = \"*\", Action = \"deny\" },\n"
         "]\n";
}

const entryc::test::ProjectCase kProjectCases[] = {
    // A typo names no peer (peering-unknown-peer): no traffic comes from it, so the '*' misses nothing.
    {"unknown_peer_ok", kProject,
     {{"c1/intentions.hcl", sources("Name = \"web\", Peer = \"cluster-2\", Action = \"allow\"")}}, {}},
    {"known_peer_ok", kProject,
     {{"c1/intentions.hcl", sources("Name = \"web\", Peer = \"cluster-02\", Action = \"allow\"")}}, {}},
    {"known_peer_without_its_own_wildcard", kProject,
     {{"c1/intentions.hcl",
       "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  { Name = \"web\", Peer = \"cluster-02\", "
       "Action = \"allow\" },\n  { Name = \"*\", Action = \"deny\" },\n]\n"}},
     {"c1/intentions.hcl:5:12 intentions-peerless-wildcard-source Sources[1].Name"}},
};

ENTRYC_PROJECT_RULE_TEST(IntentionsPeerlessWildcardSourceInProject, "intentions-peerless-wildcard-source",
                         kProjectCases);

}  // namespace
