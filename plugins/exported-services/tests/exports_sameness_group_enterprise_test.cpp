// Table test for exports-sameness-group-enterprise: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"ce_rejects",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { SamenessGroup = \"sg\" } ]\n  }\n]\n",
     {"6:37 Services[0].Consumers[0].SamenessGroup"}},
    {"snake_alias",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { sameness_group = \"sg\" } ]\n  }\n]\n",
     {"6:38 Services[0].Consumers[0].SamenessGroup"}},
    {"enterprise_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { SamenessGroup = \"sg\" } ]\n  }\n]\n",
     {}, true},
};

ENTRYC_RULE_TEST(ExportsSamenessGroupEnterprise, "exports-sameness-group-enterprise", kCases);

}  // namespace
