// PathIndex::find answers the same whether it scans (a file with few
// findings) or builds its table (many): the exact path, else the longest
// recorded prefix that ends at a step, a path added twice finding the later.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "entryc/consul_decode.hpp"

namespace {

using entryc::consul::Located;
using entryc::consul::PathIndex;

Located at(std::uint32_t begin) { return {{}, {1, begin, begin + 1}}; }

PathIndex sample() {
  PathIndex idx;
  idx.add("", at(0));
  idx.add("Sources", at(1));
  idx.add("Sources[0]", at(2));
  idx.add("Sources[0].Name", at(3));
  idx.add("Sources[1]", at(4));
  idx.add("Sources[1].Permissions", at(5));
  idx.add("Meta", at(6));
  idx.add("Meta[\"a.b\"]", at(7));
  idx.add("Sources[0].Name", at(8));  // again: the later one wins
  idx.add("Sourcesx", at(9));
  return idx;
}

TEST(PathIndex, ScanAndTableAgree) {
  const std::vector<std::pair<std::string, std::uint32_t>> cases = {
      {"Sources[0].Name", 8},
      {"Sources[0].Peer", 2},
      {"Sources[1].Permissions[3].HTTP", 5},
      {"Sources[12]", 1},
      {"Sources", 1},
      {"Sourcesx", 9},
      {"Sourcesy", 0},
      {"Meta[\"a.b\"]", 7},
      {"Meta[\"a.c\"]", 6},
      {"", 0},
      {"Name", 0},
      {"[0].x", 0},
  };
  const PathIndex idx = sample();
  // Enough lookups that the later ones go through the table.
  for (int round = 0; round < 6; ++round) {
    for (const auto& [path, begin] : cases) {
      const auto found = idx.find(path);
      ASSERT_TRUE(found.has_value()) << path;
      EXPECT_EQ(found->value.begin, begin) << path << " (round " << round << ")";
    }
  }
}

TEST(PathIndex, NothingRecordedNothingFound) {
  PathIndex idx;
  idx.add("Sources", at(1));
  for (int round = 0; round < 40; ++round) EXPECT_FALSE(idx.find("Name").has_value());
  EXPECT_EQ(idx.find("Sources[2]")->value.begin, 1u);
}

}  // namespace
