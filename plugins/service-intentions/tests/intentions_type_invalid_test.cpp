// Table test for intentions-type-invalid: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"external",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\", Type = \"external\" } ]\n",
     {"3:54 Sources[0].Type"}},
    {"consul_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\", Type = \"consul\" } ]\n",
     {}},
    {"default_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsTypeInvalid, "intentions-type-invalid", kCases);

}  // namespace
