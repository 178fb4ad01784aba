// The three formats end to end on a small plan: shape, determinism, and that
// no secret can get into what is emitted.
#include "emit.hpp"

#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::consul_http {
namespace {

using test::op;

Json plan() {
  Json p = {{"format_version", 1}, {"project", "entryc.hcl"}, {"ops", Json::array()}};
  p["ops"].push_back(op("peering.generate-token", "ce-1", "default", "ent-1", R"({"PeerName":"ent-1"})"));
  p["ops"].push_back(op("peering.establish", "ent-1", "default", "ce-1",
                        R"({"PeerName":"ce-1","PeeringToken":{"$ref":"peering.generate-token:ce-1/default:ent-1.PeeringToken"}})"));
  p["ops"].push_back(op("config.write", "ce-1", "default", "exported-services/default",
                        R"({"Kind":"exported-services","Name":"default","Meta":{"note":"50% \\ 'q'"}})"));
  p["ops"].push_back(op("acl.policy.write", "ce-1", "default", "reader", R"({"Name":"reader","Rules":"acl = \"read\""})",
                        "update"));
  return p;
}

TEST(Emit, HttpIsAListOfRequestsWithPlaceholders) {
  const std::vector<File> files = emit("http", plan(), test::clusters());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "requests.json");
  const Json j = Json::parse(files[0].text);
  ASSERT_EQ(j.size(), 5u);  // the policy update is a lookup and a write
  EXPECT_EQ(j[0]["url"], "https://consul.dc1.example:8501/v1/peering/token");
  EXPECT_EQ(j[0]["headers"]["X-Consul-Token"], "${DC1_TOKEN}");
  EXPECT_EQ(j[0]["capture"], Json({{"PEERING_TOKEN_CE_1_DEFAULT_ENT_1", "PeeringToken"}}));
  EXPECT_EQ(j[1]["url"], "${CONSUL_HTTP_ADDR_ENT_1}/v1/peering/establish?partition=default");
  EXPECT_EQ(j[1]["body"]["PeeringToken"], "${PEERING_TOKEN_CE_1_DEFAULT_ENT_1}");
  EXPECT_EQ(j[2]["expect"], "true");
  EXPECT_EQ(j[3]["method"], "GET");
  EXPECT_TRUE(j[3]["body"].is_null());
  EXPECT_EQ(j[4]["url"], "https://consul.dc1.example:8501/v1/acl/policy/${ACL_POLICY_ID_CE_1_DEFAULT_READER}");
}

TEST(Emit, CurlPassesTheTokenThroughPrintfAndChecksTheAnswers) {
  const std::vector<File> files = emit("curl", plan(), test::clusters());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(files[0].executable);
  const std::string& s = files[0].text;
  EXPECT_EQ(s.rfind("#!/usr/bin/env bash\n", 0), 0u);
  EXPECT_NE(s.find("set -euo pipefail\n"), std::string::npos);
  EXPECT_NE(s.find("addr_ce_1=${CONSUL_HTTP_ADDR_CE_1:-https://consul.dc1.example:8501}\n"), std::string::npos);
  EXPECT_NE(s.find("token_ce_1=${DC1_TOKEN:?'set it to an ACL token for ce-1 (its ACLs are enabled)'}\n"),
            std::string::npos);
  EXPECT_NE(s.find("token_ent_1=${CONSUL_HTTP_TOKEN_ENT_1:-}\n"), std::string::npos);
  EXPECT_NE(s.find("on_ce_1() { request \"$addr_ce_1\" \"$token_ce_1\" \"$@\" --cacert dc1-ca.pem; }\n"),
            std::string::npos);
  EXPECT_NE(s.find("PEERING_TOKEN_CE_1_DEFAULT_ENT_1=$(printf '%s' \"$response\" | json_field PeeringToken)\n"),
            std::string::npos);
  EXPECT_NE(s.find("response=$(printf '{\"PeerName\":\"ce-1\",\"PeeringToken\":\"%s\"}' \"$PEERING_TOKEN_CE_1_DEFAULT_ENT_1\" | "
                   "on_ent_1 POST \"/v1/peering/establish?partition=default\" 'Error establishing peering for ce-1' json)\n"),
            std::string::npos);
  EXPECT_NE(s.find("expect_true \"$response\" 'Config entry not updated: exported-services/default'\n"),
            std::string::npos);
  EXPECT_NE(s.find("on_ce_1 PUT \"/v1/acl/policy/${ACL_POLICY_ID_CE_1_DEFAULT_READER}\""), std::string::npos);
}

TEST(Emit, CurlPrintfFormatsEscapePercentAndQuotes) {
  Json p = {{"project", "entryc.hcl"}, {"ops", Json::array()}};
  p["ops"].push_back(op("peering.generate-token", "ce-1", "default", "x", R"({"PeerName":"x"})"));
  p["ops"].push_back(op("peering.establish", "ce-1", "default", "y",
                        R"({"PeerName":"y","PeeringToken":{"$ref":"peering.generate-token:ce-1/default:x.PeeringToken"},"Meta":{"a":"5% it's \\"}})"));
  const std::string s = emit("curl", p, test::clusters()).at(0).text;
  EXPECT_NE(s.find(R"(printf '{"PeerName":"y","PeeringToken":"%s","Meta":{"a":"5%% it'\''s \\\\"}}' "$PEERING_TOKEN_CE_1_DEFAULT_X" |)"),
            std::string::npos)
      << s;
}

TEST(Emit, ConsulCliWritesTheScriptAndTheFilesItReads) {
  const std::vector<File> files = emit("consul-cli", plan(), test::clusters());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, "apply.sh");
  EXPECT_TRUE(files[0].executable);
  EXPECT_EQ(files[1].path, "config/ce-1/default/exported-services/default.json");
  EXPECT_EQ(files[2].path, "acl/ce-1/default/reader.hcl");
  EXPECT_EQ(files[2].text, "acl = \"read\"");
  const std::string& s = files[0].text;
  EXPECT_NE(s.find("PEERING_TOKEN_CE_1_DEFAULT_ENT_1=$(on_ce_1 peering generate-token -name ent-1)\n"), std::string::npos);
  EXPECT_NE(s.find("on_ent_1 peering establish -name ce-1 -peering-token \"$PEERING_TOKEN_CE_1_DEFAULT_ENT_1\" -partition "
                   "default\n"),
            std::string::npos);
  EXPECT_NE(s.find("on_ce_1 config write \"$here/config/ce-1/default/exported-services/default.json\"\n"),
            std::string::npos);
  EXPECT_NE(s.find("on_ce_1 acl policy update -name reader -rules \"@$here/acl/ce-1/default/reader.hcl\" -no-merge\n"),
            std::string::npos);
  EXPECT_NE(s.find("on_ce_1() { CONSUL_HTTP_ADDR=$addr_ce_1 CONSUL_HTTP_TOKEN=$token_ce_1 CONSUL_CACERT=dc1-ca.pem consul "
                   "\"$@\"; }\n"),
            std::string::npos);
}

TEST(Emit, SameInputSameBytes) {
  for (const char* f : kFormats) {
    const std::vector<File> a = emit(f, plan(), test::clusters());
    const std::vector<File> b = emit(f, plan(), test::clusters());
    ASSERT_EQ(a.size(), b.size()) << f;
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text) << f;
  }
}

TEST(Emit, AnEmptyPlanIsAScriptThatSaysSo) {
  const Json p = {{"project", "entryc.hcl"}, {"ops", Json::array()}};
  EXPECT_EQ(emit("http", p, test::clusters()).at(0).text, "[]\n");
  EXPECT_NE(emit("curl", p, test::clusters()).at(0).text.find("No changes"), std::string::npos);
  EXPECT_EQ(emit("consul-cli", p, test::clusters()).size(), 1u);
}

TEST(Emit, UnknownFormat) {
  try {
    emit("terraform", plan(), test::clusters());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "unknown emit format 'terraform' (http, curl or consul-cli)");
  }
}

}  // namespace
}  // namespace entryc::consul_http
