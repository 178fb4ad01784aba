// Table test for intentions-sameness-group-enterprise: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"snake_case",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", sameness_group = \"east-west\", Action = \"allow\" } ]\n",
     {"3:46 Sources[0].SamenessGroup"}},
    {"block",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name          = \"web\"\n  SamenessGroup = \"g\"\n  Action        = \"allow\"\n}\n",
     {"5:19 Sources[0].SamenessGroup"}},
    {"enterprise_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", SamenessGroup = \"g\", Action = \"allow\" } ]\n",
     {}, true},
};

ENTRYC_RULE_TEST(IntentionsSamenessGroupEnterprise, "intentions-sameness-group-enterprise", kCases);

}  // namespace
