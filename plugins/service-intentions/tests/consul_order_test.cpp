// Consul's first error and Consul's Normalize(), through the plugin host the
// way the conformance suite calls the plugin: the reports are in Consul's
// validation order (sorted source indices, entry checks first, permissions
// in order), so the first one with Consul's text is the error Consul prints.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/diagnostic.hpp"
#include "entryc/plugin_host.hpp"

namespace {

using Json = nlohmann::ordered_json;

const entryc::plugins::Host& host() {
  static entryc::plugins::Host* h = [] {
    auto* p = new entryc::plugins::Host();
    entryc::diag::Collector sink;
    const std::vector<std::string> none;
    p->load(none, sink);
    return p;
  }();
  return *h;
}

std::vector<std::string> consul_errors(const std::string& entry, const std::string& edition, const std::string& mode) {
  std::vector<std::string> out;
  entryc::diag::Collector failures;
  host().check(
      "service-intentions", entry, edition, "case",
      [&](const entryc::plugins::Plugin&, const entryc_report& r) {
        if (r.consul_text.len) out.emplace_back(r.consul_text.ptr, r.consul_text.len);
      },
      failures, {}, Json({{"mode", mode}}).dump());
  EXPECT_TRUE(failures.diagnostics().empty());
  return out;
}

struct FirstError {
  std::string name;
  std::string entry;  // JSON
  std::string want;   // Consul's first error, exactly
  std::string mode = "standard";
  std::string edition = "ce";
};

void PrintTo(const FirstError& c, std::ostream* os) { *os << c.name; }

const std::string kTimes = R"("LegacyCreateTime": "2020-01-01T00:00:00Z", "LegacyUpdateTime": "2020-01-01T00:00:00Z")";

std::string many_pairs(int n) {
  Json m = Json::object();
  for (int i = 0; i < n; ++i) m["k" + std::to_string(i)] = "v";
  return m.dump();
}

const FirstError kFirstErrors[] = {
    {"sorted_source_first",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [
         {"Name": "*", "Action": "deny", "Description": ")" + std::string(513, 'x') + R"("},
         {"Name": "web", "Action": "Allow"}]})",
     "Sources[0].Action must be set to 'allow' or 'deny'"},
    {"entry_before_sources",
     R"({"Kind": "service-intentions", "Name": "api*", "Sources": [{"Name": ""}]})",
     "Name: wildcard character '*' cannot be used with partial values"},
    {"jwt_before_meta_before_sources",
     R"({"Kind": "service-intentions", "Name": "api", "Meta": )" + many_pairs(65) +
         R"(, "JWT": {"Providers": [{"Name": ""}, {"Name": "okta"}, {}]}})",
     "2 errors occurred:\n\t* JWT provider name is required\n\t* JWT provider name is required\n\n"},
    {"meta_before_sources",
     R"({"Kind": "service-intentions", "Name": "api", "Meta": )" + many_pairs(65) + "}",
     "1 error occurred:\n\t* Meta exceeds maximum element count 64\n\n"},
    {"permissions_in_order",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Permissions": [
         {"Action": "allow", "HTTP": {"Methods": ["GET", "get"]}},
         {"Action": "x", "HTTP": {}}]}]})",
     "Sources[0].Permissions[0].HTTP.Methods contains \"GET\" more than once"},
    {"header_before_methods",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Permissions": [
         {"Action": "allow", "HTTP": {"Header": [{"Exact": "a"}], "Methods": ["YOINK"]}}]}]})",
     "Sources[0].Permissions[0].HTTP.Header[0] missing required Name field"},
    {"invalid_method_before_its_repeat",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Permissions": [
         {"Action": "allow", "HTTP": {"Methods": ["GET", "get", "YOINK"]}}]}]})",
     "Sources[0].Permissions[0].HTTP.Methods contains \"GET\" more than once"},
    {"type_before_duplicate",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [
         {"Name": "web", "Action": "allow"}, {"Name": "web", "Action": "deny", "Type": "x"}]})",
     "Sources[1].Type must be set to 'consul'"},
    {"duplicate_before_next_source",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [
         {"Name": "web", "Action": "allow"}, {"Name": "web", "Action": "deny"}, {"Name": "db", "Action": "x"}]})",
     "Sources[1] defines \"web\" more than once"},
    {"duplicate_renumbered",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [
         {"Name": "*", "Action": "deny"}, {"Name": "web", "Peer": "east", "Action": "allow"},
         {"Name": "web", "Peer": "east", "Action": "deny"}]})",
     "Sources[1] defines peer(\"east\") \"web\" more than once"},
    {"sameness_group_before_partial_name",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [
         {"Name": "web*", "SamenessGroup": "g", "Action": "allow"}]})",
     "Sources[0].SamenessGroup: Sameness groups are a Consul Enterprise feature. "},
    {"description_before_legacy_meta",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Action": "allow",
         "LegacyMeta": {"a": "b"}, "Description": ")" + std::string(600, 'y') + R"("}]})",
     "Sources[0].Description exceeds maximum length 512"},
    {"legacy_meta_before_action",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Action": "x",
         "LegacyMeta": {"a": "b"}}]})",
     "Sources[0].LegacyMeta must be omitted"},
    {"header_count_names_contains",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Permissions": [
         {"Action": "allow", "HTTP": {"Header": [{"Name": "x", "Contains": "a", "Exact": "b"}]}}]}]})",
     "Sources[0].Permissions[0].HTTP.Header[0] should only contain one of Present, Exact, Prefix, Suffix, Contains, "
     "or Regex"},
    {"legacy_entry_meta",
     R"({"Kind": "service-intentions", "Name": "api", "Meta": {"a": "b"}, "Sources": [{"Name": "web",
         "Action": "allow", "Peer": "p"}]})",
     "Meta must be omitted for legacy intention writes", "legacy"},
    {"legacy_peer",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Action": "allow",
         "Peer": "p", "LegacyID": "1", )" + kTimes + "}]}",
     "Sources[0].Peer cannot be set by legacy intentions", "legacy"},
    {"legacy_meta_limits_before_times",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Action": "allow",
         "LegacyMeta": )" + many_pairs(65) + "}]}",
     "Sources[0].Meta exceeds maximum element count 64", "legacy"},
    {"legacy_times_before_id",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "Action": "allow",
         "LegacyUpdateTime": "2020-01-01T00:00:00Z"}]})",
     "Sources[0].LegacyCreateTime must be set", "legacy"},
    {"legacy_action_even_with_permissions",
     R"({"Kind": "service-intentions", "Name": "api", "Sources": [{"Name": "web", "LegacyID": "1", )" + kTimes +
         R"(, "Permissions": [{"Action": "allow", "HTTP": {"PathPrefix": "/"}}]}]})",
     "Sources[0].Action must be set to 'allow' or 'deny'", "legacy"},
    {"enterprise_wildcard_namespace_before_jwt",
     R"({"Kind": "service-intentions", "Name": "api", "Namespace": "*", "JWT": {"Providers": [{}]}})",
     "Name: exact value cannot follow wildcard namespace", "standard", "ent"},
    {"enterprise_inherited_namespace",
     R"({"Kind": "service-intentions", "Name": "api", "Namespace": "team", "Sources": [
         {"Name": "*", "Namespace": "*", "Action": "deny"}, {"Name": "web", "Peer": "east", "Partition": "p",
         "Action": "allow"}]})",
     "Sources[0].Peer: cannot set Peer and Partition at the same time.", "standard", "ent"},
};

class FirstConsulError : public ::testing::TestWithParam<FirstError> {};

TEST_P(FirstConsulError, IsConsuls) {
  const FirstError& c = GetParam();
  const std::vector<std::string> errors = consul_errors(c.entry, c.edition, c.mode);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front(), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, FirstConsulError, ::testing::ValuesIn(kFirstErrors),
                         [](const ::testing::TestParamInfo<FirstError>& i) { return i.param.name; });

TEST(FirstConsulError, ValidEntryHasNone) {
  const std::string entry = R"({"Kind": "service-intentions", "Name": "api", "Sources": [
      {"Name": "*", "Action": "deny"}, {"Name": "web", "Peer": "east", "Action": "allow"},
      {"Name": "web", "Permissions": [{"Action": "allow", "HTTP": {"PathPrefix": "/", "Methods": ["get"],
       "Header": [{"Name": "x", "Contains": "a", "IgnoreCase": true}]}}]}]})";
  EXPECT_TRUE(consul_errors(entry, "ce", "standard").empty());
}

using Status = entryc::plugins::Host::Normalized::Status;

Json normalized(const std::string& entry, const std::string& edition = "ce", const std::string& mode = "standard") {
  const auto n = host().normalize("service-intentions", entry, edition, Json({{"mode", mode}}).dump());
  EXPECT_EQ(n.status, Status::ok) << n.error;
  return n.status == Status::ok ? Json::parse(n.json) : Json();
}

TEST(Normalize, SortsDefaultsAndClears) {
  const Json n = normalized(R"({"Name": "api", "Namespace": "default", "Sources": [
      {"Name": "*", "Action": "deny", "LegacyID": "x", "LegacyCreateTime": "2020-01-01T00:00:00Z", "Precedence": 3},
      {"Name": "web", "Peer": "east", "Action": "allow"},
      {"Name": "web", "Permissions": [{"Action": "allow", "HTTP": {"Methods": ["get", "Post"]}}], "Type": ""}]})");
  EXPECT_EQ(n["Kind"], "service-intentions");
  EXPECT_FALSE(n.contains("Namespace"));  // CE has no enterprise meta
  const Json& s = n["Sources"];
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0]["Peer"], "east");  // stable: equal precedence keeps the written order
  EXPECT_EQ(s[1]["Permissions"][0]["HTTP"]["Methods"], Json({"GET", "POST"}));
  EXPECT_EQ(s[2]["Name"], "*");
  EXPECT_EQ(s[0]["Precedence"], 9);
  EXPECT_EQ(s[2]["Precedence"], 8);
  EXPECT_EQ(s[1]["Type"], "consul");
  EXPECT_FALSE(s[2].contains("LegacyID"));
  EXPECT_FALSE(s[2].contains("LegacyCreateTime"));
}

TEST(Normalize, LegacyKeepsLegacyFields) {
  const Json n = normalized(R"({"Name": "api", "Sources": [{"Name": "web", "Action": "allow", "LegacyID": "x"}]})", "ce",
                            "legacy");
  EXPECT_EQ(n["Sources"][0]["LegacyID"], "x");
  EXPECT_EQ(n["Sources"][0]["LegacyMeta"], Json::object());
}

TEST(Normalize, EnterpriseNamespacesAndPrecedence) {
  const Json n = normalized(R"({"Name": "*", "Namespace": "*", "Sources": [
      {"Name": "*", "Namespace": "*", "Action": "deny"},
      {"Name": "*", "Action": "deny"},
      {"Name": "web", "Peer": "east", "Action": "allow"}]})",
                            "ent");
  EXPECT_EQ(n["Partition"], "default");
  const Json& s = n["Sources"];
  EXPECT_EQ(s[0]["Name"], "web");
  EXPECT_EQ(s[0]["Precedence"], 3);
  EXPECT_EQ(s[0]["Namespace"], "default");
  EXPECT_FALSE(s[0].contains("Partition"));  // a peer source keeps no partition
  EXPECT_EQ(s[1]["Precedence"], 2);          // the wildcard namespace is never inherited
  EXPECT_EQ(s[1]["Namespace"], "default");
  EXPECT_EQ(s[1]["Partition"], "default");
  EXPECT_EQ(s[2]["Precedence"], 1);
}

TEST(Normalize, NilEntry) {
  const auto n = host().normalize("service-intentions", "null", "ce");
  EXPECT_EQ(n.status, Status::rejected);
  EXPECT_EQ(n.error, "config entry is nil");
}

TEST(Normalize, IntentionList) {
  const auto n = host().normalize("intention-list", R"([
      {"SourcePeer": "", "SourceNS": "default", "SourceName": "*", "DestinationNS": "default", "DestinationName": "api"},
      {"SourcePeer": "east", "SourceNS": "default", "SourceName": "web", "DestinationNS": "default", "DestinationName": "api"},
      {"SourcePeer": "", "SourceNS": "default", "SourceName": "web", "DestinationNS": "default", "DestinationName": "api"}])",
                                  "ce");
  ASSERT_EQ(n.status, Status::ok) << n.error;
  const Json rows = Json::parse(n.json);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["SourcePeer"], "");
  EXPECT_EQ(rows[0]["SourceName"], "web");
  EXPECT_EQ(rows[1]["SourcePeer"], "east");
  EXPECT_EQ(rows[2]["Precedence"], 8);
}

}  // namespace
