// Table test for peering-dead-export.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

std::string with_acl(const std::string& policy) {
  return two_clusters("  acl {\n    enabled        = true\n    default_policy = \"" + policy + "\"\n  }\n");
}

const std::string kExport = exports("backend", "{ Peer = \"cluster-02\" }");

const ProjectCase kCases[] = {
    {"no_intention", with_acl("deny"), {{"c1/exports.hcl", kExport}},
     {"c1/exports.hcl:6:28 peering-dead-export Services[0].Consumers[0].Peer"}},
    {"only_deny_intention", with_acl("deny"),
     {{"c1/exports.hcl", kExport},
      {"c1/intentions.hcl", intentions("backend", "Name = \"*\", Peer = \"cluster-02\", Action = \"deny\"")}},
     {"c1/exports.hcl:6:28 peering-dead-export Services[0].Consumers[0].Peer"}},
    {"intention_for_another_peer", with_acl("deny"),
     {{"c1/exports.hcl", kExport},
      {"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Action = \"allow\"")}},
     {"c1/exports.hcl:6:28 peering-dead-export Services[0].Consumers[0].Peer"}},
    // Invalid sources and consumers (intentions-action-invalid, exports-wildcard-peer) leave the others checked.
    {"other_source_invalid", with_acl("deny"),
     {{"c1/exports.hcl", kExport},
      {"c1/intentions.hcl", intentions("backend", "Name = \"x\", Action = \"nope\" }, { Name = \"*\", "
                                                  "Peer = \"cluster-02\", Action = \"deny\"")}},
     {"c1/exports.hcl:6:28 peering-dead-export Services[0].Consumers[0].Peer"}},
    {"other_consumer_invalid", with_acl("deny"),
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"*\" }, { Peer = \"cluster-02\" }")}},
     {"c1/exports.hcl:6:44 peering-dead-export Services[0].Consumers[1].Peer"}},
    // A source with errors might be the one that lets the peer in.
    {"invalid_source_might_allow_ok", with_acl("deny"),
     {{"c1/exports.hcl", kExport},
      {"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-02\", Action = \"alow\"")}},
     {}},
    {"allowed_ok", with_acl("deny"),
     {{"c1/exports.hcl", kExport},
      {"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-02\", Action = \"allow\"")}},
     {}},
    {"wildcard_destination_ok", with_acl("deny"),
     {{"c1/exports.hcl", kExport},
      {"c1/intentions.hcl", intentions("*", "Name = \"*\", Peer = \"cluster-02\", Action = \"allow\"")}},
     {}},
    {"default_allow_ok", with_acl("allow"), {{"c1/exports.hcl", kExport}}, {}},
    {"acl_off_ok", two_clusters(), {{"c1/exports.hcl", kExport}}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringDeadExport, "peering-dead-export", kCases);

}  // namespace
