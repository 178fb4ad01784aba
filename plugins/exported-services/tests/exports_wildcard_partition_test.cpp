// Table test for exports-wildcard-partition: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"second_service",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"api\"\n    Consumers = [ { Partition = \"foo\" } ]\n  },\n  {\n    Name = \"web\"\n    Consumers = [ { Partition = \"*\" } ]\n  }\n]\n",
     {"10:33 Services[1].Consumers[0].Partition"}},
};

ENTRYC_RULE_TEST(ExportsWildcardPartition, "exports-wildcard-partition", kCases);

}  // namespace
