// Table test for intentions-partition-wildcard: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"destination",
     "Kind = \"service-intentions\"\nName = \"api\"\nPartition = \"p*\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {"3:13 Partition"}, true},
    {"source",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name      = \"web\"\n  Partition = \"*\"\n  Action    = \"allow\"\n}\n",
     {"5:15 Sources[0].Partition"}, true},
    {"exact_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nPartition = \"finance\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}, true},
};

ENTRYC_RULE_TEST(IntentionsPartitionWildcard, "intentions-partition-wildcard", kCases);

}  // namespace
