// Table test for exports-namespace-ce: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"ce_namespace",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Namespace = \"payments\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {"6:17 Services[0].Namespace"}},
    {"default_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Namespace = \"default\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {}},
    {"enterprise_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Namespace = \"payments\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {}, true},
};

ENTRYC_RULE_TEST(ExportsNamespaceCe, "exports-namespace-ce", kCases);

}  // namespace
