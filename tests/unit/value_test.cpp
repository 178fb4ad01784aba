// entryc::sdk::Value must answer the reading questions rules ask, as
// nlohmann's JSON answers them.
#include <string>

#include <gtest/gtest.h>

#include "entryc/value.hpp"

namespace {

using Json = nlohmann::ordered_json;
using entryc::sdk::Tree;
using entryc::sdk::Value;

// (What it reads and rejects, against nlohmann's parser: json_reader_test.cpp.)

TEST(Value, ParsingKeepsNoRecursion) {
  // 100,000 levels cost heap, not stack.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Tree tree(deep);
  const Value* v = &tree.root();
  int depth = 0;
  while (v->is_array() && !v->empty()) {
    v = &(*v)[0];
    ++depth;
  }
  EXPECT_EQ(depth, 99999);
}

TEST(Value, ReadingInterface) {
  const std::string text =
      R"({"Name":"web","Port":8080,"Neg":-3,"Ratio":0.5,"On":true,"Tags":["a","b"],"Meta":{"k":"v"},"None":null})";
  const Tree tree(text);
  const Value& v = tree.root();
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.size(), 8u);
  EXPECT_EQ(v.find("Missing"), v.end());
  EXPECT_FALSE(v.contains("name"));  // exact keys, as nlohmann
  EXPECT_EQ(v.at("Name").get<std::string>(), "web");
  EXPECT_EQ(v.at("Name").str(), "web");
  EXPECT_TRUE(v.at("Name") == "web");
  EXPECT_TRUE(v.at("Port").is_number_unsigned());
  EXPECT_EQ(v.at("Port").get<int>(), 8080);
  EXPECT_EQ(v.at("Port").str(), "8080");  // a number's text as written
  EXPECT_TRUE(v.at("Neg").is_number_integer());
  EXPECT_EQ(v.at("Neg").get<long>(), -3);
  EXPECT_TRUE(v.at("Ratio").is_number_float());
  EXPECT_DOUBLE_EQ(v.at("Ratio").get<double>(), 0.5);
  EXPECT_TRUE(v.at("On").get<bool>());
  EXPECT_TRUE(v.at("None").is_null());
  EXPECT_EQ(v.at("None").size(), 0u);
  EXPECT_EQ(v.at("Name").size(), 1u);
  EXPECT_THROW(v.at("Name").get<int>(), std::domain_error);
  EXPECT_THROW(v.at("Port").get<std::string>(), std::domain_error);
  EXPECT_THROW(v.at("Missing"), std::out_of_range);
  EXPECT_THROW(v.at("Tags")[2], std::out_of_range);
  EXPECT_EQ(v.value("Name", "x"), "web");
  EXPECT_EQ(v.value("Port", "x"), "x");
  EXPECT_EQ(v.value("Missing", std::string("y")), "y");
  EXPECT_EQ(v.value("Tags", Json::array()), Json::parse(R"(["a","b"])"));  // a copy, as nlohmann's
  EXPECT_EQ(v.value("Missing", Json::array()), Json::array());

  const Value& tags = v.at("Tags");
  std::string joined;
  for (const Value& t : tags) joined += t.get<std::string>();
  EXPECT_EQ(joined, "ab");
  EXPECT_EQ(tags.front(), tags[0]);
  EXPECT_EQ(tags.back().str(), "b");
  EXPECT_THROW((void)tags.begin().key(), std::domain_error);

  std::string keys;
  for (auto it = v.begin(); it != v.end(); ++it) keys += std::string(it.key()) + ",";
  EXPECT_EQ(keys, "Name,Port,Neg,Ratio,On,Tags,Meta,None,");
  for (const auto& m : v.at("Meta").items()) {
    EXPECT_EQ(m.key(), "k");
    EXPECT_EQ(m.value().str(), "v");
  }
}

TEST(Value, EqualityIsDeepAndOrdered) {
  const Tree a(R"({"x":[1,{"y":"z"}],"n":1})"), b(R"({"x":[1,{"y":"z"}],"n":1.0})"), c(R"({"n":1,"x":[1,{"y":"z"}]})");
  EXPECT_TRUE(a.root() == b.root());   // numbers compare by value, as nlohmann
  EXPECT_FALSE(a.root() == c.root());  // members in order, as ordered_json
  EXPECT_TRUE(a.root().at("x") != c.root().at("n"));
}

TEST(Value, EscapedStringsOutliveTheirScratch) {
  // Unescaped strings live in the tree's arena, not in a buffer reused by the next one.
  const Tree tree(R"(["a\nb", "c\td", "plain", "\u00e9"])");
  const Value& v = tree.root();
  EXPECT_EQ(v[0].str(), "a\nb");
  EXPECT_EQ(v[1].str(), "c\td");
  EXPECT_EQ(v[2].str(), "plain");
  EXPECT_EQ(v[3].str(), "\xc3\xa9");
}

}  // namespace
