// entryc::sdk::Path: the path syntax the host parses back (plugin_abi.h).
#include <string>

#include <gtest/gtest.h>

#include "entryc/plugin_sdk.hpp"

namespace {

using entryc::sdk::Path;

// What Path wrote before it kept short paths inline: the reference.
std::string reference(const std::string& base, const std::string& key) {
  const bool plain = !key.empty() && key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                           "0123456789_-") == std::string::npos;
  if (plain) return base.empty() ? key : base + "." + key;
  return base + "[" + nlohmann::ordered_json(key).dump() + "]";
}

TEST(Path, KeysAsNlohmannQuotesThem) {
  std::string all_controls;
  for (int c = 1; c < 0x20; ++c) all_controls += static_cast<char>(c);
  const std::string keys[] = {"Services", "a-b_c9", "", "a.b", "web-*", "say \"hi\"", "back\\slash", "tab\there",
                              std::string("nul\0x", 5), all_controls, "\x7f", "caf\xc3\xa9", "\xe2\x82\xac-euro",
                              std::string(100, 'k'), std::string(60, '.')};
  for (const std::string& base : {std::string(), std::string("service[0]"), std::string(70, 'p')}) {
    for (const std::string& key : keys) {
      EXPECT_EQ((Path(base) / key).str(), reference(base, key)) << "base '" << base << "' key '" << key << "'";
    }
  }
}

TEST(Path, IndicesAndChains) {
  EXPECT_EQ(Path()[0].str(), "[0]");
  EXPECT_EQ((Path() / "Services")[0].str(), "Services[0]");
  EXPECT_EQ(((Path() / "Services")[18446744073709551615ULL] / "Peer").str(), "Services[18446744073709551615].Peer");
  Path p = Path() / "service";
  for (int i = 0; i < 20; ++i) p = (p / "web.api")[static_cast<std::size_t>(i)];  // grows past the inline buffer
  std::string want = "service";
  for (int i = 0; i < 20; ++i) want += "[\"web.api\"][" + std::to_string(i) + "]";
  EXPECT_EQ(p.str(), want);
  const Path copy = p;
  EXPECT_EQ(copy.view(), want);
  Path moved = std::move(p);
  EXPECT_EQ(moved.view(), want);
  // Short over long and long over short, copied and moved.
  const Path short_path = Path() / "Name";
  Path q = moved;
  q = short_path;
  EXPECT_EQ(q.view(), "Name");
  q = moved;
  EXPECT_EQ(q.view(), want);
  q = Path() / "Peer";
  EXPECT_EQ(q.view(), "Peer");
  const Path& self = q;
  q = self;
  EXPECT_EQ(q.view(), "Peer");
}

}  // namespace
