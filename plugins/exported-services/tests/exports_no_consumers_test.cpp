// Table test for exports-no-consumers: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"missing",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n  }\n]\n",
     {"4:3 Services[0]"}},
    {"empty_list",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = []\n  }\n]\n",
     {"6:17 Services[0].Consumers"}},
    {"block_style_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices {\n  Name = \"web\"\n  Consumers { Peer = \"p\" }\n}\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsNoConsumers, "exports-no-consumers", kCases);

}  // namespace
