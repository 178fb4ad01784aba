// Table test for intentions-sameness-group-wildcard: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"wildcard",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", SamenessGroup = \"*\", Action = \"allow\" } ]\n",
     {"3:45 Sources[0].SamenessGroup"}, true},
    {"exact_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", sameness_group = \"g\", Action = \"allow\" } ]\n",
     {}, true},
    {"ce_reports_enterprise_instead",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", SamenessGroup = \"*\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsSamenessGroupWildcard, "intentions-sameness-group-wildcard", kCases);

}  // namespace
