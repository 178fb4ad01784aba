// Table test for exports-consul-service: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"consul",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"consul\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {"5:12 Services[0].Name"}},
    {"wildcard_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"*\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsConsulService, "exports-consul-service", kCases);

}  // namespace
