// entryc::sdk::Tree must read JSON text exactly as nlohmann's parser does
// (the same values, types, member order and repeated-key rule; the same
// texts rejected), and Value must answer the reading questions rules ask.
#include <string>

#include <gtest/gtest.h>

#include "entryc/value.hpp"

namespace {

using Json = nlohmann::ordered_json;
using entryc::sdk::Tree;
using entryc::sdk::Value;

void same(const std::string& text) {
  const Json want = Json::parse(text);
  const Tree tree(text);
  const Json got = tree.root().to_json();
  EXPECT_EQ(got.dump(), want.dump()) << text;
  EXPECT_EQ(got, want) << text;
  EXPECT_EQ(tree.root().dump(), want.dump()) << text;
}

TEST(Value, ScalarsReadAsNlohmannReadsThem) {
  for (const char* t : {"null", "true", "false", "0", "-0", "42", "-9223372036854775808", "18446744073709551615",
                        "18446744073709551616", "-9223372036854775809", "1.5", "-2.5e-3", "1E2", "1e-400", "\"\"",
                        "\"a\\u00e9\\n\\\"b\"", "\"\\ud83d\\ude00\"", "\"\\/\\b\\f\\r\\t\"", "\"caf\xc3\xa9 \xe2\x82\xac\"",
                        "  \t\r\n 7 \n"}) {
    same(t);
  }
}

TEST(Value, ContainersKeepTheirOrder) {
  same("{}");
  same("[]");
  same("[[], {}, [[[]]], {\"a\": {}}]");
  same(R"({"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"p"}]}]})");
  same(R"({"b": 1, "a": [1, "x", null, {"c": [true]}], "c": {"d": {"e": []}}})");
}

TEST(Value, RepeatedKeysKeepTheFirstPlaceAndTheLastValue) {
  same(R"({"a": 1, "b": 2, "a": 3})");
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i % 40) + "\": " + std::to_string(i) + ",";
  big += "\"last\": {\"k1\": 1, \"k1\": [2]}}";
  same(big);
}

TEST(Value, LargeAndDeep) {
  std::string wide = "{";
  for (int i = 0; i < 5000; ++i) wide += (i ? ",\"" : "\"") + std::to_string(i) + "\": [" + std::to_string(i) + "]";
  wide += "}";
  same(wide);
  same(std::string(500, '[') + std::string(500, ']'));
  // The parser itself keeps no recursion: 100,000 levels cost heap, not stack.
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

TEST(Value, BadTextIsRejectedLikeNlohmann) {
  for (const char* t : {"", " ", "{", "[", "[1,]", "[,1]", "{\"a\" 1}", "{\"a\":1,}", "{1:2}", "nul", "tru", "01",
                        "-", "1.", ".5", "1e", "+1", "\"unterminated", "\"a\nb\"", "\"\\x\"", "\"\\u12\"",
                        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\xff\"", "\"\xc0\xaf\"",
                        "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "{} x", "[1 2]", "[}", "{]",
                        "1E400"}) {
    EXPECT_THROW(Tree{t}, std::invalid_argument) << t;
    EXPECT_ANY_THROW({ const Json j = Json::parse(t); }) << t;
  }
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
  EXPECT_TRUE(a.root() == b.root());  // numbers compare by value, as nlohmann
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
