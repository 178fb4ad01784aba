// Table test for peering-export-name-partition.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

// An Enterprise cluster with partition "analytics" whose files are a/*.hcl.
std::string enterprise(const std::string& edition = "ent") {
  return "cluster \"west\" {\n"
         "  edition = \"" + edition + "\"\n"
         "  partition \"analytics\" {\n"
         "    services = [\"reporting\"]\n"
         "    entries  = [\"a/*.hcl\"]\n"
         "  }\n"
         "  entries = [\"d/*.hcl\"]\n"
         "}\n";
}

const ProjectCase kCases[] = {
    {"default_name_in_another_partition",
     enterprise(),
     {{"a/exports.hcl", exports("reporting", "{ Partition = \"default\" }")}},
     {"a/exports.hcl:2:8 peering-export-name-partition Name"}},
    {"another_partitions_name",
     enterprise(),
     {{"d/exports.hcl", exports("web", "{ Partition = \"analytics\" }", "analytics")}},
     {"d/exports.hcl:2:8 peering-export-name-partition Name"}},
    {"named_after_its_partition_ok",
     enterprise(),
     {{"a/exports.hcl", exports("reporting", "{ Partition = \"default\" }", "analytics")},
      {"d/exports.hcl", exports("web", "{ Partition = \"analytics\" }")}},
     {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringExportNamePartition, "peering-export-name-partition", kCases);

}  // namespace
