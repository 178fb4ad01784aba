// Table test for peering-intention-not-exported.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

const std::string kAllow = "Name = \"frontend\", Peer = \"cluster-02\", Action = \"allow\"";

const ProjectCase kCases[] = {
    {"other_service_exported",
     two_clusters(),
     {{"c1/exports.hcl", exports("billing", "{ Peer = \"cluster-02\" }")},
      {"c1/intentions.hcl", intentions("backend", kAllow)}},
     {"c1/intentions.hcl:4:31 peering-intention-not-exported Sources[0].Peer"}},
    {"no_exports_entry",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", kAllow)}},
     {"c1/intentions.hcl:4:31 peering-intention-not-exported Sources[0].Peer"}},
    {"l7_permission_allows",
     two_clusters(),
     {{"c1/intentions.hcl",
       intentions("backend", "Name = \"frontend\", Peer = \"cluster-02\", Permissions = [ { Action = \"allow\", "
                             "HTTP = { PathPrefix = \"/\" } } ]")}},
     {"c1/intentions.hcl:4:31 peering-intention-not-exported Sources[0].Peer"}},
    // An invalid source (intentions-action-invalid) leaves the other sources of the entry checked.
    {"other_source_invalid",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", "Name = \"x\", Action = \"nope\" }, { " + kAllow)}},
     {"c1/intentions.hcl:4:64 peering-intention-not-exported Sources[1].Peer"}},
    // An error in the source itself, or in the entry outside its sources: Consul's message comes first.
    {"own_source_invalid_ok",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", kAllow + ", Description = \"" + std::string(600, 'd') + "\"")}},
     {}},
    {"entry_invalid_ok",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("back*end", kAllow)}},
     {}},
    {"exported_ok",
     two_clusters(),
     {{"c1/exports.hcl", exports("backend", "{ Peer = \"cluster-02\" }")},
      {"c1/intentions.hcl", intentions("backend", kAllow)}},
     {}},
    {"wildcard_export_ok",
     two_clusters(),
     {{"c1/exports.hcl", exports("*", "{ Peer = \"cluster-02\" }")}, {"c1/intentions.hcl", intentions("backend", kAllow)}},
     {}},
    {"deny_ok",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-02\", Action = \"deny\"")}},
     {}},
    // Exported to a sameness group that holds the peer.
    {"sameness_group_export_ok",
     "project {\n  edition = \"ent\"\n}\n" +
         two_clusters("", "",
                      "sameness_group \"sg\" {\n  members = [\"cluster-01/default\", \"cluster-02/default\"]\n}\n"),
     {{"c1/exports.hcl", exports("backend", "{ SamenessGroup = \"sg\" }")},
      {"c1/intentions.hcl", intentions("backend", kAllow)}},
     {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringIntentionNotExported, "peering-intention-not-exported", kCases);

}  // namespace
