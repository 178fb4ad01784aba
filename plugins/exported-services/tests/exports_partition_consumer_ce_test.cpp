// Table test for exports-partition-consumer-ce: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"ce",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Partition = \"billing\" } ]\n  }\n]\n",
     {"6:33 Services[0].Consumers[0].Partition"}},
    {"enterprise_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Partition = \"billing\" } ]\n  }\n]\n",
     {}, true},
};

ENTRYC_RULE_TEST(ExportsPartitionConsumerCe, "exports-partition-consumer-ce", kCases);

}  // namespace
