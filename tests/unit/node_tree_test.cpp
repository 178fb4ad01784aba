// The tree the host hands ABI 3 plugins (NodeTree) must be exactly what the
// plugins would have parsed from the JSON text of the same document.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "entryc/document.hpp"
#include "entryc/node_tree.hpp"
#include "entryc/value.hpp"

namespace {

using entryc::sdk::Tree;
using entryc::sdk::Value;

// Same types, numbers, texts, keys and order (Value::operator== compares
// numbers by value only).
void expect_same(const Value& a, const Value& b, const std::string& at) {
  ASSERT_EQ(a.type(), b.type()) << at;
  EXPECT_EQ(a.str(), b.str()) << at;
  switch (a.type()) {
    case Value::Type::boolean: EXPECT_EQ(a.get<bool>(), b.get<bool>()) << at; break;
    case Value::Type::integer: EXPECT_EQ(a.get<std::int64_t>(), b.get<std::int64_t>()) << at; break;
    case Value::Type::unsigned_integer: EXPECT_EQ(a.get<std::uint64_t>(), b.get<std::uint64_t>()) << at; break;
    case Value::Type::floating: EXPECT_EQ(a.get<double>(), b.get<double>()) << at; break;
    default: break;
  }
  if (!a.is_structured()) return;
  ASSERT_EQ(a.size(), b.size()) << at;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    if (a.is_object()) {
      ASSERT_EQ(i.key(), j.key()) << at;
    }
    expect_same(*i, *j, at + "/" + (a.is_object() ? std::string(i.key()) : std::to_string(i - a.begin())));
  }
}

void check(const std::string& name, const std::string& text, entryc::Reader reader) {
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add(name, text);
  entryc::diag::Collector sink;
  entryc::ReadOptions ro;
  ro.reader = reader;
  const entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, ro);
  ASSERT_NE(pd.tree.root, nullptr) << text;
  std::string json;
  entryc::generic::write_json(pd.tree.root, json, false, entryc::generic::KeyOrder::as_written);
  const Tree parsed(json);
  entryc::plugins::NodeTree tree;
  ASSERT_TRUE(tree.build(pd.tree.root));
  expect_same(Value::of(*tree.root()), parsed.root(), name);
  // A tree built again in place of another (lint reuses one) reads the same.
  static entryc::plugins::NodeTree reused;
  ASSERT_TRUE(reused.build(pd.tree.root));
  expect_same(Value::of(*reused.root()), parsed.root(), name + " (reused)");
  // Written back (for plugins older than ABI 3), it reads the same again.
  const std::string written = entryc::plugins::node_json(*tree.root());
  const Tree again(written);
  expect_same(again.root(), parsed.root(), name + " (node_json)");
}

TEST(NodeTree, ReadsAsTheTextWouldParse) {
  const std::string hcl = R"(
service "web" { policy = "read" }
service "web" { policy = "write" }
service_prefix "" {
  policy = "read"
  intentions = "deny"
}
key_prefix "a.b/c" { policy = "list" }
count = -3
big = 9223372036854775807
ratio = 0.5
whole = 2.0
exp = 1e3
on = true
tags = ["a", 1, -2, 2.5, false, [], {}]
quote = "say \"hi\"\tand \\ bye \u2028"
)";
  check("policy.hcl", hcl, entryc::Reader::hcl);
  // JSON through HCL's parser and through encoding/json (floats only),
  // repeated keys (the last value at the first position).
  const std::string json =
      R"({"b": 1, "a": {"x": 1, "y": 2, "x": 3}, "c": [1.5, -7, 0, 1e2], "b": 4, "s": "\u00e9\ud83d\ude00"})";
  check("x.json", json, entryc::Reader::hcl);
  check("x.json", json, entryc::Reader::consul);
  check("y.json", R"({"b": 1, "n": null, "b": [true, null]})", entryc::Reader::consul);
}

TEST(NodeTree, InvalidUtf8BecomesReplacementCharacters) {
  // The readers reject or repair it; a tree made otherwise is repaired as
  // the JSON writer repairs it.
  using entryc::generic::Kind;
  entryc::generic::Node value;
  value.kind = Kind::string;
  value.data = "a\xff\x62";  // a, an invalid byte, b
  value.size = 3;
  entryc::generic::Node one;
  one.kind = Kind::integer;
  one.num.i = 1;
  // Two keys that are one once repaired: they merge as in the text.
  const entryc::generic::Entry entries[] = {{"q\xc3", nullptr, &value}, {"k", nullptr, &one}, {"q\xff", nullptr, &one}};
  entryc::generic::Node map;
  map.kind = Kind::map;
  map.data = entries;
  map.size = 3;
  std::string json;
  entryc::generic::write_json(&map, json, false, entryc::generic::KeyOrder::as_written);
  const Tree parsed(json);
  entryc::plugins::NodeTree tree;
  ASSERT_TRUE(tree.build(&map));
  expect_same(Value::of(*tree.root()), parsed.root(), "repaired");
  EXPECT_EQ(Value::of(*tree.root()).size(), 2u);
  EXPECT_EQ(Value::of(*tree.root()).begin().key(), "q\xef\xbf\xbd");
  EXPECT_EQ(Value::of(*tree.root()).at("q\xef\xbf\xbd").get<int>(), 1);
}

TEST(NodeTree, EmptyDocument) { check("empty.json", "{}", entryc::Reader::consul); }

TEST(NodeTree, ManyMembersWithRepeatedKeys) {
  std::string json = "{";
  for (int i = 0; i < 400; ++i) json += "\"k" + std::to_string(i % 25) + "\": " + std::to_string(i) + ",";
  json += "\"end\": true}";
  check("many.json", json, entryc::Reader::consul);
}

TEST(NodeTree, ANumberJsonCannotCarryFallsBackToText) {
  entryc::generic::Node inf;
  inf.kind = entryc::generic::Kind::floating;
  inf.num.d = HUGE_VAL;
  entryc::plugins::NodeTree tree;
  EXPECT_FALSE(tree.build(&inf));
  EXPECT_EQ(tree.root(), nullptr);
  std::string text;
  const entryc::plugins::Host::Document d = entryc::plugins::document_of(&inf, tree, text);
  EXPECT_EQ(d.root, nullptr);
  EXPECT_EQ(d.json, "+Inf");  // strconv.FormatFloat's text: plugins reject it as they would have
  EXPECT_EQ(d.json, text);
}

}  // namespace
