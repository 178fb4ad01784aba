// service-intentions and exported-services on the server's write path
// (conformance corpus), precedence and its sorter (precedence.json), and
// L7 permission matching.
#include "intentions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "exports.hpp"
#include "support.hpp"

namespace entryc::runtime {
namespace {

namespace fs = std::filesystem;

Json load_json(const fs::path& p) { return Json::parse(test::read_file(p.string())); }

// --- precedence (../shared/conformance/precedence.json) -----------------------------------

intentions::SortKey key_of(const Json& row) {
  intentions::SortKey k;
  k.source_peer = row.value("SourcePeer", "");
  k.source_ns = row.value("SourceNS", "");
  k.source_name = row.value("SourceName", "");
  k.destination_ns = row.value("DestinationNS", "");
  k.destination_name = row.value("DestinationName", "");
  k.precedence = intentions::precedence(k.source_ns, k.source_name, k.destination_ns, k.destination_name);
  return k;
}

Json row_of(const intentions::SortKey& k) {
  return Json{{"SourcePeer", k.source_peer},           {"SourceNS", k.source_ns},
              {"SourceName", k.source_name},           {"DestinationNS", k.destination_ns},
              {"DestinationName", k.destination_name}, {"Precedence", k.precedence}};
}

class PrecedenceSorter : public ::testing::TestWithParam<std::string> {};

TEST_P(PrecedenceSorter, GivesTheExpectedOrder) {
  const Json doc = load_json(fs::path(ENTRYC_SHARED_DIR) / "conformance" / "precedence.json");
  const auto it = std::find_if(doc["sorter_cases"].begin(), doc["sorter_cases"].end(),
                               [&](const Json& c) { return c["name"] == GetParam(); });
  ASSERT_NE(it, doc["sorter_cases"].end());
  std::vector<intentions::SortKey> keys;
  for (const Json& row : (*it)["input"]) keys.push_back(key_of(row));
  std::sort(keys.begin(), keys.end(), intentions::precedes);
  Json got = Json::array();
  for (const auto& k : keys) got.push_back(row_of(k));
  Json want = Json::array();
  for (const Json& row : (*it)["expected_order"]) {
    Json r = row_of(key_of(row));
    r["Precedence"] = row["Precedence"];  // the corpus's derived number must agree with ours
    want.push_back(r);
  }
  EXPECT_EQ(got.dump(1), want.dump(1));
}

std::vector<std::string> sorter_case_names() {
  const Json doc = load_json(fs::path(ENTRYC_SHARED_DIR) / "conformance" / "precedence.json");
  std::vector<std::string> out;
  for (const Json& c : doc["sorter_cases"]) out.push_back(c["name"].get<std::string>());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Conformance, PrecedenceSorter, ::testing::ValuesIn(sorter_case_names()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(Precedence, AssertedValues) {
  const Json doc = load_json(fs::path(ENTRYC_SHARED_DIR) / "conformance" / "precedence.json");
  for (const Json& group : doc["asserted_values"]) {
    for (const Json& s : group["sources"]) {
      EXPECT_EQ(intentions::precedence(s["Namespace"].get<std::string>(), s["Name"].get<std::string>(),
                                       group["destination"]["Namespace"].get<std::string>(),
                                       group["destination"]["Name"].get<std::string>()),
                s["Precedence"].get<int>())
          << group["upstream"];
    }
  }
}

TEST(Precedence, Table) {
  struct Case {
    const char *sns, *sn, *dns, *dn;
    int want;
  };
  const Case cases[] = {{"a", "a", "a", "a", 9}, {"a", "*", "a", "a", 8}, {"*", "*", "a", "a", 7},
                        {"a", "a", "a", "*", 6}, {"a", "*", "a", "*", 5}, {"*", "*", "a", "*", 4},
                        {"a", "a", "*", "*", 3}, {"a", "*", "*", "*", 2}, {"*", "*", "*", "*", 1}};
  for (const Case& c : cases) EXPECT_EQ(intentions::precedence(c.sns, c.sn, c.dns, c.dn), c.want);
}

// --- the server's write path (../shared/conformance/validate, CE, standard mode) ----------

Json strip_zero(const Json& j) {
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      Json v = strip_zero(it.value());
      if ((v.is_string() && v.get<std::string>().empty()) || ((v.is_array() || v.is_object()) && v.empty()) ||
          (v.is_boolean() && !v.get<bool>())) {
        continue;
      }
      out[it.key()] = v;
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const Json& e : j) out.push_back(strip_zero(e));
    return out;
  }
  return j;
}

std::vector<std::string> validate_cases() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(ENTRYC_SHARED_DIR) / "conformance" / "validate")) {
    const Json meta = load_json(e.path() / "meta.json");
    if (meta.value("mode", "") != "standard") continue;          // legacy intention writes are not a config-entry write
    if (load_json(e.path() / "entry.json").is_null()) continue;  // a nil pointer: nothing to send over HTTP
    out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ServerWritePath : public ::testing::TestWithParam<std::string> {};

TEST_P(ServerWritePath, MatchesConsul) {
  const fs::path dir = fs::path(ENTRYC_SHARED_DIR) / "conformance" / "validate" / GetParam();
  const Json meta = load_json(dir / "meta.json");
  const Json entry = load_json(dir / "entry.json");
  Json out;
  std::optional<config::Rejection> rej;
  if (meta["kind"] == "exported-services") {
    rej = exports::normalize(entry, false, "default", out);
  } else {
    rej = intentions::normalize(entry, false, out);
  }
  if (meta["expect"] == "error") {
    ASSERT_TRUE(rej.has_value()) << "accepted: " << out.dump();
    std::string want = test::read_file((dir / "expected-error.txt").string());
    want.pop_back();
    std::string got = rej->text;
    // The corpus comes from a Consul test before header `Contains` existed;
    // consul-semantics.md (P7, post-1.21 main) lists it, and we follow that.
    const std::string old_list = "Suffix, or Regex";
    if (const std::size_t at = want.find(old_list); at != std::string::npos) {
      want.replace(at, old_list.size(), "Suffix, Contains, or Regex");
    }
    if (meta.value("match", "") == "contains-case-insensitive") {
      got = lower(got);
      want = lower(want);
    }
    EXPECT_NE(got.find(want), std::string::npos) << "got: " << rej->text << "\nwant: " << want;
    EXPECT_EQ(rej->status, 500);
    return;
  }
  ASSERT_FALSE(rej.has_value()) << rej->text;
  if (!fs::exists(dir / "normalized.json")) return;
  Json want = load_json(dir / "normalized.json");
  out.erase("Hash");
  const Json fields = meta.value("normalized_asserted_fields", Json("all"));
  if (fields.is_array()) {
    Json a = Json::object(), b = Json::object();
    for (const Json& f : fields) {
      const std::string k = f.get<std::string>();
      if (out.contains(k)) a[k] = out[k];
      if (want.contains(k)) b[k] = want[k];
    }
    out = a;
    want = b;
  }
  EXPECT_EQ(strip_zero(out).dump(1), strip_zero(want).dump(1));
}

INSTANTIATE_TEST_SUITE_P(Conformance, ServerWritePath, ::testing::ValuesIn(validate_cases()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(ServerWritePath, CeRejectsNamespaceAndPartitionKeys) {
  Json out;
  const Json body = {{"Kind", "service-intentions"},
                     {"Name", "api"},
                     {"Namespace", "default"},
                     {"Sources", Json::array({{{"Name", "web"}, {"Action", "allow"}, {"Partition", "default"}}})}};
  const auto rej = intentions::normalize(body, false, out);
  ASSERT_TRUE(rej);
  EXPECT_EQ(rej->status, 400);
  EXPECT_EQ(rej->text,
            "Request decoding failed: 2 errors occurred:\n\t* invalid config key \"Sources[0].Partition\"\n\t* invalid "
            "config key \"Namespace\", namespaces are a consul enterprise feature\n\n");
  const auto rej2 = exports::normalize({{"Kind", "exported-services"}, {"Name", "default"}, {"Partition", "default"}},
                                       false, "default", out);
  ASSERT_TRUE(rej2);
  EXPECT_EQ(rej2->text, "Request decoding failed: 1 error occurred:\n\t* invalid config key \"Partition\"\n\n");
}

TEST(ServerWritePath, IntentionsAsConsulReturnsThem) {
  Json out;
  const Json body = {{"Kind", "service-intentions"},
                     {"Name", "api"},
                     {"Sources", Json::array({{{"Name", "*"}, {"Action", "deny"}, {"Precedence", 42}},
                                              {{"Name", "web"}, {"Peer", "east"}, {"Action", "allow"}},
                                              {{"name", "web"}, {"action", "allow"}, {"LegacyID", "x"}}})}};
  ASSERT_FALSE(intentions::normalize(body, false, out));
  ASSERT_TRUE(out.contains("Hash"));
  out.erase("Hash");
  EXPECT_EQ(out.dump(), R"({"Kind":"service-intentions","Name":"api","Sources":[)"
                        R"({"Name":"web","Peer":"east","Action":"allow","Precedence":9,"Type":"consul"},)"
                        R"({"Name":"web","Action":"allow","Precedence":9,"Type":"consul"},)"
                        R"({"Name":"*","Action":"deny","Precedence":8,"Type":"consul"}]})");
}

// --- L7 matching ------------------------------------------------------------------

intentions::Permission permission(Json http, bool jwt = false) {
  Json perm = {{"Action", "allow"}, {"HTTP", std::move(http)}};
  if (jwt) perm["JWT"] = {{"Providers", Json::array({{{"Name", "okta"}}})}};
  const Json stored = {{"Kind", "service-intentions"},
                       {"Name", "api"},
                       {"Sources", Json::array({{{"Name", "web"}, {"Permissions", Json::array({perm})}}})}};
  Interner names;
  names.intern("*");
  const intentions::Compiled c = intentions::compile(stored, "default", false, names);
  return c.sources.at(0).permissions.at(0);
}

struct L7Case {
  const char* name;
  Json http;
  Request req;
  bool want;
};
void PrintTo(const L7Case& c, std::ostream* os) { *os << c.name; }
class L7Match : public ::testing::TestWithParam<L7Case> {};

TEST_P(L7Match, Request) {
  EXPECT_EQ(intentions::matches(permission(GetParam().http), GetParam().req), GetParam().want);
}

using test::http;
const L7Case kL7[] = {
    {"path_exact", {{"PathExact", "/api"}}, http("GET", "/api"), true},
    {"path_exact_other", {{"PathExact", "/api"}}, http("GET", "/api/x"), false},
    {"path_exact_ignores_query", {{"PathExact", "/api"}}, http("GET", "/api?x=1"), true},
    {"path_prefix", {{"PathPrefix", "/api"}}, http("GET", "/api/v1"), true},
    {"path_prefix_other", {{"PathPrefix", "/api"}}, http("GET", "/ap"), false},
    {"path_regex_full_match", {{"PathRegex", "/api/[0-9]+"}}, http("GET", "/api/42"), true},
    {"path_regex_is_not_search", {{"PathRegex", "/api/[0-9]+"}}, http("GET", "/api/42/x"), false},
    {"method_in_set", {{"Methods", {"GET", "POST"}}}, http("POST", "/"), true},
    {"method_not_in_set", {{"Methods", {"GET"}}}, http("DELETE", "/"), false},
    {"header_present",
     {{"Header", {{{"Name", "x-user"}, {"Present", true}}}}},
     http("GET", "/", {{"X-User", "a"}}),
     true},
    {"header_absent", {{"Header", {{{"Name", "x-user"}, {"Present", true}}}}}, http("GET", "/"), false},
    {"header_present_inverted",
     {{"Header", {{{"Name", "x-user"}, {"Present", true}, {"Invert", true}}}}},
     http("GET", "/"),
     true},
    {"header_exact",
     {{"Header", {{{"Name", "x-env"}, {"Exact", "prod"}}}}},
     http("GET", "/", {{"x-env", "prod"}}),
     true},
    {"header_exact_case",
     {{"Header", {{{"Name", "x-env"}, {"Exact", "prod"}}}}},
     http("GET", "/", {{"x-env", "PROD"}}),
     false},
    {"header_exact_ignore_case",
     {{"Header", {{{"Name", "x-env"}, {"Exact", "prod"}, {"IgnoreCase", true}}}}},
     http("GET", "/", {{"x-env", "PROD"}}),
     true},
    {"header_prefix",
     {{"Header", {{{"Name", "x-env"}, {"Prefix", "pr"}}}}},
     http("GET", "/", {{"x-env", "prod"}}),
     true},
    {"header_suffix",
     {{"Header", {{{"Name", "x-env"}, {"Suffix", "od"}}}}},
     http("GET", "/", {{"x-env", "prod"}}),
     true},
    {"header_contains",
     {{"Header", {{{"Name", "x-env"}, {"Contains", "ro"}}}}},
     http("GET", "/", {{"x-env", "prod"}}),
     true},
    {"header_contains_ignore_case",
     {{"Header", {{{"Name", "x-env"}, {"Contains", "RO"}, {"IgnoreCase", true}}}}},
     http("GET", "/", {{"x-env", "prod"}}),
     true},
    {"header_regex", {{"Header", {{{"Name", "x-v"}, {"Regex", "v[0-9]"}}}}}, http("GET", "/", {{"x-v", "v2"}}), true},
    {"header_regex_inverted",
     {{"Header", {{{"Name", "x-v"}, {"Regex", "v[0-9]"}, {"Invert", true}}}}},
     http("GET", "/", {{"x-v", "v2"}}),
     false},
    {"header_exact_missing_header", {{"Header", {{{"Name", "x-env"}, {"Exact", "prod"}}}}}, http("GET", "/"), false},
    {"all_rules_must_hold",
     {{"PathPrefix", "/api"}, {"Methods", {"GET"}}, {"Header", {{{"Name", "x-env"}, {"Exact", "prod"}}}}},
     http("GET", "/api/x", {{"x-env", "dev"}}),
     false},
    {"bad_regex_never_matches", {{"PathRegex", "(["}}, http("GET", "(["), false},
};
INSTANTIATE_TEST_SUITE_P(Table, L7Match, ::testing::ValuesIn(kL7),
                         [](const ::testing::TestParamInfo<L7Case>& i) { return std::string(i.param.name); });

TEST(L7Match, JwtRequirementNeverHolds) {
  EXPECT_FALSE(intentions::matches(permission({{"PathPrefix", "/"}}, true), http("GET", "/")));
}

TEST(IntentionString, LikeConsul) {
  const Json stored = {
      {"Kind", "service-intentions"},
      {"Name", "bar"},
      {"Sources",
       Json::array({{{"Name", "foo"}, {"Action", "allow"}},
                    {{"Name", "foo"}, {"Peer", "billing"}, {"Action", "deny"}},
                    {{"Name", "baz"},
                     {"Permissions", Json::array({{{"Action", "allow"}, {"HTTP", {{"PathPrefix", "/"}}}},
                                                  {{"Action", "deny"}, {"HTTP", {{"PathPrefix", "/a"}}}}})}}})}};
  Interner names;
  names.intern("*");
  const intentions::Compiled c = intentions::compile(stored, "default", false, names);
  std::vector<std::string> texts;
  for (const auto& s : c.sources) texts.push_back(s.text);
  // Sorter order: equal precedence, "" peer before "billing", then by name.
  EXPECT_EQ(texts,
            (std::vector<std::string>{"default/baz => default/bar (Precedence: 9, Permissions: 2)",
                                      "default/foo => default/bar (Precedence: 9, Action: ALLOW)",
                                      "peer(billing)/default/foo => default/bar (Precedence: 9, Action: DENY)"}));
}

}  // namespace
}  // namespace entryc::runtime
