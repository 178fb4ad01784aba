// Table test for peering-token-cannot-read-imports.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

// cluster-02 with ACLs on; frontend's token (tokens[0], its policies on
// line 18, column 16) has `token` inside it.
std::string frontend_token(const std::string& token, const std::string& default_policy = "deny") {
  return two_clusters("",
                      "  acl {\n"
                      "    enabled        = true\n"
                      "    default_policy = \"" + default_policy + "\"\n"
                      "  }\n"
                      "  policy \"frontend\" {\n"
                      "    file = \"acl/frontend.hcl\"\n"
                      "  }\n"
                      "  token \"frontend\" {\n" + token + "  }\n");
}

const std::string kPolicies = "    policies = [\"frontend\"]\n";
// backend in cluster-01 lets frontend call it from its peer cluster-02.
const ProjectFile kCall = {"c1/intentions.hcl",
                           intentions("backend", "Name = \"frontend\", Peer = \"cluster-02\", Action = \"allow\"")};
const std::string kWant = "entryc.hcl:18:16 peering-token-cannot-read-imports clusters[1].partitions[0].tokens[0].policies";

const ProjectCase kCases[] = {
    {"service_read_only", frontend_token(kPolicies),
     {kCall, {"acl/frontend.hcl", "service_prefix \"\" {\n  policy = \"read\"\n}\n"}}, {kWant}},
    {"read_all_with_a_deny", frontend_token(kPolicies),
     {kCall, {"acl/frontend.hcl", "service_prefix \"\" {\n  policy = \"read\"\n}\nnode_prefix \"\" {\n  policy = "
                                  "\"read\"\n}\nnode \"db-1\" {\n  policy = \"deny\"\n}\n"}},
     {kWant}},
    // No policies written: the token block itself.
    {"no_policies", frontend_token("    service_identities = []\n"), {kCall},
     {"entryc.hcl:17:20 peering-token-cannot-read-imports clusters[1].partitions[0].tokens[0].policies"}},
    // An invalid source (intentions-action-invalid) leaves the other sources of the entry checked.
    {"other_source_invalid", frontend_token(kPolicies),
     {{"c1/intentions.hcl", intentions("backend", "Name = \"x\", Action = \"nope\" }, { Name = \"frontend\", "
                                                  "Peer = \"cluster-02\", Action = \"allow\"")},
      {"acl/frontend.hcl", "service_prefix \"\" {\n  policy = \"read\"\n}\n"}},
     {kWant}},
    {"service_write_ok", frontend_token(kPolicies),
     {kCall, {"acl/frontend.hcl", "service \"frontend\" {\n  policy = \"write\"\n}\n"}}, {}},
    {"read_all_ok", frontend_token(kPolicies),
     {kCall, {"acl/frontend.hcl", "service_prefix \"\" {\n  policy = \"read\"\n}\nnode_prefix \"\" {\n  policy = "
                                  "\"read\"\n}\n"}},
     {}},
    {"service_identity_ok", frontend_token("    service_identities = [\"frontend\"]\n"), {kCall}, {}},
    {"default_allow_ok", frontend_token(kPolicies, "allow"),
     {kCall, {"acl/frontend.hcl", "key_prefix \"app/\" {\n  policy = \"write\"\n}\n"}}, {}},
    // Nobody in a peer calls frontend: its token needs nothing imported.
    {"not_a_caller_ok", frontend_token(kPolicies),
     {{"acl/frontend.hcl", "service_prefix \"\" {\n  policy = \"read\"\n}\n"}}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringTokenCannotReadImports, "peering-token-cannot-read-imports", kCases);

}  // namespace
