// Table test for peering-unknown-sameness-group.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

const std::string kGroups = "project {\n  edition = \"ent\"\n}\n" +
                            two_clusters("", "",
                                         "sameness_group \"sg-prod\" {\n"
                                         "  members = [\"cluster-01/default\", \"cluster-02/default\"]\n"
                                         "}\n"
                                         "sameness_group \"sg-two\" {\n"
                                         "  members = [\"cluster-02/default\"]\n"
                                         "}\n");

const ProjectCase kCases[] = {
    {"typo", kGroups,
     {{"c1/exports.hcl", exports("backend", "{ SamenessGroup = \"sg-prd\" }")}},
     {"c1/exports.hcl:6:37 peering-unknown-sameness-group Services[0].Consumers[0].SamenessGroup"}},
    {"not_a_member", kGroups,
     {{"c1/intentions.hcl", intentions("backend", "Name = \"web\", SamenessGroup = \"sg-two\", Action = \"allow\"")}},
     {"c1/intentions.hcl:4:35 peering-unknown-sameness-group Sources[0].SamenessGroup"}},
    {"snake_case_alias", kGroups,
     {{"c1/exports.hcl", exports("backend", "{ sameness_group = \"sg-missing\" }")}},
     {"c1/exports.hcl:6:38 peering-unknown-sameness-group Services[0].Consumers[0].SamenessGroup"}},
    {"member_ok", kGroups,
     {{"c1/exports.hcl", exports("backend", "{ SamenessGroup = \"sg-prod\" }")},
      {"c2/intentions.hcl", intentions("frontend", "Name = \"web\", SamenessGroup = \"sg-two\", Action = \"allow\"")}},
     {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringUnknownSamenessGroup, "peering-unknown-sameness-group", kCases);

}  // namespace
