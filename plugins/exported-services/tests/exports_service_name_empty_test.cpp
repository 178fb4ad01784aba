// Table test for exports-service-name-empty: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"empty",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {"5:12 Services[0].Name"}},
    {"missing",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {"4:3 Services[0]"}},
    {"named_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsServiceNameEmpty, "exports-service-name-empty", kCases);

}  // namespace
