// Table test for exports-consumer-targets: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"peer_and_partition",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\", Partition = \"b\" } ]\n  }\n]\n",
     {"6:19 Services[0].Consumers[0]"}},
    {"one_target_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" }, { Partition = \"b\" } ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsConsumerTargets, "exports-consumer-targets", kCases);

}  // namespace
