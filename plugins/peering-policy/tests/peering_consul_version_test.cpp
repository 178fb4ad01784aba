// Table test for peering-consul-version.
#include "fixtures.hpp"

namespace {
using namespace peering::test;

std::string versions(const std::string& v1, const std::string& more = "") {
  return two_clusters("  consul_version = \"" + v1 + "\"\n", "  consul_version = \"1.17.1\"\n", more);
}

const ProjectCase kCases[] = {
    {"too_old", versions("1.13.3"), {}, {"entryc.hcl:5:20 peering-consul-version clusters[0].consul_version"}},
    {"one_patch_short", versions("1.14.0+ent"), {}, {"entryc.hcl:5:20 peering-consul-version clusters[0].consul_version"}},
    {"minimum_ok", versions("1.14.1"), {}, {}},
    {"numeric_not_lexicographic", versions("1.9.9"), {}, {"entryc.hcl:5:20 peering-consul-version clusters[0].consul_version"}},
    {"newer_minor_ok", versions("1.20.0"), {}, {}},
    {"not_declared_ok", two_clusters(), {}, {}},
    // An old cluster that peers with nobody.
    {"not_peered_ok", versions("1.17.0", "cluster \"legacy\" {\n  consul_version = \"1.10.0\"\n}\n"), {}, {}},
};

ENTRYC_PROJECT_RULE_TEST(PeeringConsulVersion, "peering-consul-version", kCases);

}  // namespace
