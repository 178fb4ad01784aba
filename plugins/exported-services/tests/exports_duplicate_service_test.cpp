// Table test for exports-duplicate-service: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"twice",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" } ]\n  },\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"b\" } ]\n  }\n]\n",
     {"9:12 Services[1].Name"}},
    {"enterprise_other_namespace_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Namespace = \"a\"\n    Consumers = [ { Peer = \"a\" } ]\n  },\n  {\n    Name = \"web\"\n    Namespace = \"b\"\n    Consumers = [ { Peer = \"b\" } ]\n  }\n]\n",
     {}, true},
    {"enterprise_default_namespace_spelled_out",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" } ]\n  },\n  {\n    Name = \"web\"\n    Namespace = \"default\"\n    Consumers = [ { Peer = \"b\" } ]\n  }\n]\n",
     {"9:12 Services[1].Name"}, true},
    {"three_times_points_at_the_first",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  { Name = \"web\" },\n  { Name = \"api\" },\n  { Name = \"web\" },\n  { Name = \"web\" },\n]\n",
     {"6:12 Services[2].Name", "7:12 Services[3].Name"}},
};

ENTRYC_RULE_TEST(ExportsDuplicateService, "exports-duplicate-service", kCases);

}  // namespace
