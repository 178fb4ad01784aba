// Table test for exports-name-not-default: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"default_ok",
     "Kind = \"exported-services\"\nName = \"default\"\n",
     {}},
    {"other_name",
     "Kind = \"exported-services\"\nName = \"cluster-01\"\n",
     {"2:8 Name"}},
    {"empty_name",
     "Kind = \"exported-services\"\nName = \"\"\n",
     {"2:8 Name"}},
    {"missing_name",
     "Kind = \"exported-services\"\n",
     {"1:1 Name"}},
    {"wildcard",
     "Kind = \"exported-services\"\nName = \"*\"\n",
     {"2:8 Name"}},
    {"enterprise_partition_name_ok",
     "Kind = \"exported-services\"\nName = \"finance\"\n",
     {}, true},
    {"enterprise_wildcard",
     "Kind = \"exported-services\"\nName = \"*\"\n",
     {"2:8 Name"}, true},
};

ENTRYC_RULE_TEST(ExportsNameNotDefault, "exports-name-not-default", kCases);

}  // namespace
