// Table test for peering-mesh-gateway-token.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

// cluster-02 with ACLs on and a mesh gateway token (policies on line 19, column 18).
std::string gateway(const std::string& rules_file = "acl/gw.hcl") {
  return two_clusters("",
                      "  acl {\n"
                      "    enabled        = true\n"
                      "    default_policy = \"deny\"\n"
                      "  }\n"
                      "  policy \"gw\" {\n"
                      "    file = \"" + rules_file + "\"\n"
                      "  }\n"
                      "  token \"mesh-gateway\" {\n"
                      "    mesh_gateway = true\n"
                      "    policies     = [\"gw\"]\n"
                      "  }\n");
}

const std::string kWant = "entryc.hcl:19:20 peering-mesh-gateway-token clusters[1].partitions[0].tokens[0].policies";

const ProjectCase kCases[] = {
    {"mesh_only", gateway(), {{"acl/gw.hcl", "mesh = \"write\"\n"}}, {kWant}},
    {"mesh_read", gateway(), {{"acl/gw.hcl", "mesh = \"read\"\npeering = \"read\"\n"}}, {kWant}},
    {"nothing", gateway(), {{"acl/gw.hcl", "service_prefix \"\" {\n  policy = \"read\"\n}\n"}}, {kWant}},
    {"mesh_and_peering_ok", gateway(), {{"acl/gw.hcl", "mesh = \"write\"\npeering = \"read\"\n"}}, {}},
    {"operator_write_ok", gateway(), {{"acl/gw.hcl", "operator = \"write\"\n"}}, {}},
    // An unpeered partition's gateway carries no peering traffic.
    {"not_peered_ok",
     "cluster \"solo\" {\n  acl {\n    enabled = true\n    default_policy = \"deny\"\n  }\n"
     "  policy \"gw\" {\n    file = \"acl/gw.hcl\"\n  }\n"
     "  token \"mesh-gateway\" {\n    mesh_gateway = true\n    policies = [\"gw\"]\n  }\n}\n",
     {{"acl/gw.hcl", "mesh = \"write\"\n"}}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringMeshGatewayToken, "peering-mesh-gateway-token", kCases);

}  // namespace
