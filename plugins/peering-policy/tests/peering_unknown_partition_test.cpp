// Table test for peering-unknown-partition.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

// cluster-01 is Enterprise with a second partition, "finance".
const std::string kFinance = two_clusters("  partition \"finance\" {\n"
                                          "    entries = [\"fin/*.hcl\"]\n"
                                          "  }\n");

const ProjectCase kCases[] = {
    {"typo", kFinance,
     {{"c1/exports.hcl", exports("backend", "{ Partition = \"finanse\" }")}},
     {"c1/exports.hcl:6:33 peering-unknown-partition Services[0].Consumers[0].Partition"}},
    {"source_in_other_partition", kFinance,
     {{"fin/intentions.hcl", intentions("ledger", "Name = \"web\", Partition = \"retail\", Action = \"allow\"")}},
     {"fin/intentions.hcl:4:31 peering-unknown-partition Sources[0].Partition"}},
    // In CE, Consul rejects the source's Partition key (the entry has errors); the name is still unknown.
    {"ce_cluster_has_only_default",
     two_clusters(),
     {{"c2/intentions.hcl", intentions("frontend", "Name = \"web\", Partition = \"billing\", Action = \"allow\"")}},
     {"c2/intentions.hcl:4:31 peering-unknown-partition Sources[0].Partition"}},
    {"declared_ok", kFinance,
     {{"c1/exports.hcl", exports("backend", "{ Partition = \"finance\" }")},
      {"fin/intentions.hcl", intentions("ledger", "Name = \"backend\", Partition = \"default\", Action = \"allow\"")}},
     {}},
    {"wildcard_ok", kFinance, {{"c1/exports.hcl", exports("backend", "{ Partition = \"*\" }")}}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringUnknownPartition, "peering-unknown-partition", kCases);

}  // namespace
