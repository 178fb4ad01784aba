// The SDK's two JSON readers, entryc::sdk::read_json (into nlohmann JSON) and
// entryc::sdk::Tree (the rules' read-only Value), must read exactly what
// Json::parse reads, and reject what it rejects.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "entryc/json_reader.hpp"
#include "entryc/value.hpp"

namespace {

using Json = nlohmann::ordered_json;
using entryc::sdk::read_json;
using entryc::sdk::Tree;

void same(const std::string& text) {
  const Json want = Json::parse(text);
  const Json got = read_json(text);
  EXPECT_EQ(got.dump(), want.dump()) << text;
  EXPECT_EQ(got, want) << text;
  const Tree tree(text);
  EXPECT_EQ(tree.root().to_json(), want) << text;
  EXPECT_EQ(tree.root().dump(), want.dump()) << text;
}

void rejected(const std::string& text) {
  EXPECT_THROW(read_json(text), std::invalid_argument) << text;
  EXPECT_THROW(Tree{text}, std::invalid_argument) << text;
}

TEST(JsonReader, Scalars) {
  for (const char* t : {"null", "true", "false", "0", "-0", "42", "-9223372036854775808", "18446744073709551615",
                        "18446744073709551616", "-9223372036854775809", "1.5", "-2.5e-3", "1E2", "1e-400", "\"\"",
                        "\"a\\u00e9\\n\\\"b\"", "\"\\ud83d\\ude00\"", "\"\\/\\b\\f\\r\\t\"",
                        "\"caf\xc3\xa9 \xe2\x82\xac\"", "  \t\r\n 7 \n"}) {
    same(t);
  }
}

TEST(JsonReader, Containers) {
  same("{}");
  same("[]");
  same("[[], {}, [[[]]], {\"a\": {}}]");
  same(R"({"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"p"}]}]})");
  same(R"({"b": 1, "a": [1, "x", null, {"c": [true]}], "c": {"d": {"e": []}}})");
}

TEST(JsonReader, RepeatedKeysKeepTheFirstPlaceAndTheLastValue) {
  same(R"({"a": 1, "b": 2, "a": 3})");
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i % 40) + "\": " + std::to_string(i) + ",";
  big += "\"last\": {\"k1\": 1, \"k1\": [2]}}";
  same(big);
}

TEST(JsonReader, LargeAndDeep) {
  std::string wide = "{";
  for (int i = 0; i < 5000; ++i) wide += (i ? ",\"" : "\"") + std::to_string(i) + "\": [" + std::to_string(i) + "]";
  wide += "}";
  same(wide);
  same(std::string(500, '[') + std::string(500, ']'));
}

TEST(JsonReader, BadTextThrowsLikeParse) {
  for (const char* t : {"", " ", "{", "[", "[1,]", "[,1]", "{\"a\" 1}", "{\"a\":1,}", "{1:2}", "nul", "tru", "01", "-",
                        "1.", ".5", "1e", "+1", "\"unterminated", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
                        "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
                        "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "{} x", "[1 2]", "[}", "{]"}) {
    rejected(t);
    EXPECT_THROW({ const Json j = Json::parse(t); }, Json::parse_error) << t;
  }
  rejected("1E400");  // Json::parse: out_of_range
}

TEST(JsonReader, EveryJsonSampleAndConformanceFile) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* dir : {ENTRYC_SOURCE_DIR "/samples", ENTRYC_SHARED_DIR "/conformance"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".json") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      const Json want = Json::parse(text, nullptr, false);
      if (want.is_discarded()) {
        rejected(text);
      } else {
        EXPECT_EQ(read_json(text), want) << e.path();
        EXPECT_EQ(Tree(text).root().to_json(), want) << e.path();
      }
      ++files;
    }
  }
  EXPECT_GT(files, 50);
}

}  // namespace
