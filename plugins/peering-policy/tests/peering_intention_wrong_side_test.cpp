// Table test for peering-intention-wrong-side.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

const ProjectCase kCases[] = {
    // backend runs in cluster-01: its intentions belong there.
    {"written_in_callers_cluster",
     two_clusters(),
     {{"c2/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-01\", Action = \"allow\"")}},
     {"c2/intentions.hcl:2:8 peering-intention-wrong-side Name"}},
    // An invalid source (intentions-action-invalid) leaves the other sources of the entry checked.
    {"other_source_invalid",
     two_clusters(),
     {{"c2/intentions.hcl", intentions("backend", "Name = \"x\", Action = \"nope\" }, { Name = \"frontend\", "
                                                  "Peer = \"cluster-01\", Action = \"allow\"")}},
     {"c2/intentions.hcl:2:8 peering-intention-wrong-side Name"}},
    {"right_side_ok",
     two_clusters(),
     {{"c1/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-02\", Action = \"allow\"")}},
     {}},
    // Without services declared for cluster-02, nothing says where backend runs.
    {"services_not_declared_ok",
     "cluster \"cluster-01\" {\n  services = [\"backend\"]\n}\n"
     "cluster \"cluster-02\" {\n  entries = [\"c2/*.hcl\"]\n}\n"
     "peering \"p1\" {\n  acceptor = \"cluster-01\"\n  dialer = \"cluster-02\"\n}\n",
     {{"c2/intentions.hcl", intentions("backend", "Name = \"frontend\", Peer = \"cluster-01\", Action = \"allow\"")}},
     {}},
    {"local_source_ok",
     two_clusters(),
     {{"c2/intentions.hcl", intentions("backend", "Name = \"frontend\", Action = \"allow\"")}},
     {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringIntentionWrongSide, "peering-intention-wrong-side", kCases);

}  // namespace
