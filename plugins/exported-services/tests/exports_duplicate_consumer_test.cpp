// Table test for exports-duplicate-consumer: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"twice",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" }, { Peer = \"a\" } ]\n  }\n]\n",
     {"6:35 Services[0].Consumers[1]"}},
    {"different_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" }, { Peer = \"b\" } ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsDuplicateConsumer, "exports-duplicate-consumer", kCases);

}  // namespace
