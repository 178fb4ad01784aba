// entryc::sdk::read_json must give exactly what Json::parse gives.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "entryc/json_reader.hpp"

namespace {

using Json = nlohmann::ordered_json;
using entryc::sdk::read_json;

void same(const std::string& text) {
  const Json want = Json::parse(text);
  const Json got = read_json(text);
  EXPECT_EQ(got.dump(), want.dump()) << text;
  EXPECT_EQ(got, want) << text;
}

TEST(JsonReader, Scalars) {
  for (const char* t : {"null", "true", "false", "0", "-0", "42", "-9223372036854775808", "18446744073709551615",
                        "1.5", "-2.5e-3", "\"\"", "\"a\\u00e9\\n\\\"b\"", "\"\\ud83d\\ude00\""}) {
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
  for (const char* t : {"", "{", "[1,]", "{\"a\" 1}", "nul", "\"unterminated", "{} x"}) {
    EXPECT_THROW(read_json(t), std::invalid_argument) << t;
    EXPECT_THROW({ const Json j = Json::parse(t); }, Json::parse_error) << t;
  }
  EXPECT_THROW(read_json("1E400"), std::invalid_argument);  // Json::parse: out_of_range
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
        EXPECT_THROW(read_json(text), std::invalid_argument) << e.path();
      } else {
        EXPECT_EQ(read_json(text), want) << e.path();
      }
      ++files;
    }
  }
  EXPECT_GT(files, 50);
}

}  // namespace
