// Table test for exports-empty-consumer: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"empty",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ {} ]\n  }\n]\n",
     {"6:19 Services[0].Consumers[0]"}},
};

ENTRYC_RULE_TEST(ExportsEmptyConsumer, "exports-empty-consumer", kCases);

}  // namespace
