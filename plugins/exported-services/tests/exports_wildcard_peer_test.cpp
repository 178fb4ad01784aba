// Table test for exports-wildcard-peer: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"second_consumer",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"foo\" }, { Peer = \"*\" } ]\n  }\n]\n",
     {"6:46 Services[0].Consumers[1].Peer"}},
    {"peer_name_alias",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { peer_name = \"*\" } ]\n  }\n]\n",
     {"6:33 Services[0].Consumers[0].Peer"}},
    {"prefix_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a*\" } ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsWildcardPeer, "exports-wildcard-peer", kCases);

}  // namespace
