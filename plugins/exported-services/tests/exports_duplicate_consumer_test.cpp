// Table test for exports-duplicate-consumer: positions in HCL, the same paths in the JSON twin.
#include <string>
#include <vector>

#include "lint_harness.hpp"

namespace {

// Consumers p0 p1 p2 p3 p0 p4 ... p19 p2, one per line from line 7: a repeat
// among the first few (compared) and one among many (hashed).
std::string many() {
  std::string hcl = "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n"
                    "    Consumers = [\n";
  std::vector<int> peers = {0, 1, 2, 3, 0};
  for (int i = 4; i < 20; ++i) peers.push_back(i);
  peers.push_back(2);
  for (const int p : peers) hcl += "      { Peer = \"p" + std::to_string(p) + "\" },\n";
  return hcl + "    ]\n  }\n]\n";
}

const entryc::test::RuleCase kCases[] = {
    {"twice",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" }, { Peer = \"a\" } ]\n  }\n]\n",
     {"6:35 Services[0].Consumers[1]"}},
    {"different_ok",
     "Kind = \"exported-services\"\nName = \"default\"\nServices = [\n  {\n    Name = \"web\"\n    Consumers = [ { Peer = \"a\" }, { Peer = \"b\" } ]\n  }\n]\n",
     {}},
    {"many", many(), {"11:7 Services[0].Consumers[4]", "28:7 Services[0].Consumers[21]"}},
};

ENTRYC_RULE_TEST(ExportsDuplicateConsumer, "exports-duplicate-consumer", kCases);

}  // namespace
