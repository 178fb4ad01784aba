// Table test for exports-namespace-wildcard-name: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"enterprise_wildcard_namespace",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Namespace = \"*\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {"5:12 Services[0].Name"}, true},
    {"enterprise_both_wildcard_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"*\"\n    Namespace = \"*\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {}, true},
    {"ce_erases_namespace",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Namespace = \"*\"\n    Consumers = [ { Peer = \"p\" } ]\n  }\n]\n",
     {}},
};

ENTRYC_RULE_TEST(ExportsNamespaceWildcardName, "exports-namespace-wildcard-name", kCases);

}  // namespace
