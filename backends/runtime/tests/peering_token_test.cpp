// Peering tokens: base64 with Go's error positions, the token JSON,
// validatePeeringToken's order, peer names and peering Meta.
#include "peering_token.hpp"

#include <gtest/gtest.h>

#include "support.hpp"

namespace entryc::runtime {
namespace {

TEST(Base64, RoundTrip) {
  const std::vector<std::string> inputs = {"",     "f",     "fo",     "foo",
                                           "foob", "fooba", "foobar", std::string("\0\xff\x10", 3)};
  for (const std::string& s : inputs) {
    std::string out, err;
    ASSERT_TRUE(token::base64_decode(token::base64_encode(s), out, err)) << err;
    EXPECT_EQ(out, s);
  }
  EXPECT_EQ(token::base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(token::base64_encode("fo"), "Zm8=");
}

TEST(Base64, GoErrorPositions) {
  // encoding/base64 StdEncoding.DecodeString's CorruptInputError offsets.
  struct Case {
    const char* in;
    long at;  // -1: decodes
  };
  const Case cases[] = {
      {"Zm9v", -1},    {"Zm9vYg==", -1}, {"Zm9vYmE=", -1}, {"Zm9v\nYmFy", -1},  // newlines are skipped
      {"!m9v", 0},     {"Zm!v", 2},      {"Zm9", 0},       {"Zm9vY", 4},        {"Zm9vYg", 4},      {"Zm9vYg=", 7},
      {"Zm9vY===", 5}, {"=m9v", 0},      {"Zm9vYg==x", 8}, {"Zm9vYmE=Zg==", 8}, {"not a token", 3},
  };
  for (const Case& c : cases) {
    std::string out, err;
    const bool ok = token::base64_decode(c.in, out, err);
    if (c.at < 0) {
      EXPECT_TRUE(ok) << c.in << ": " << err;
    } else {
      EXPECT_FALSE(ok) << c.in;
      EXPECT_EQ(err, "illegal base64 data at input byte " + std::to_string(c.at)) << c.in;
    }
  }
}

TEST(PeerName, Rules) {
  const std::pair<std::string, bool> cases[] = {
      {"cluster-02", true},
      {"a", true},
      {"0a-b9", true},
      {std::string(63, 'a'), true},
      {"", false},
      {"-a", false},
      {"a-", false},
      {"Cluster", false},
      {"a_b", false},
      {"a.b", false},
      {std::string(64, 'a'), false},
      {"--AA--", false},
  };
  for (const auto& [name, ok] : cases) EXPECT_EQ(token::valid_peer_name(name), ok) << name;
  EXPECT_EQ(token::peer_name_error("--AA--"),
            "--AA-- is not a valid peer name: a valid peering name must consist of lower case alphanumeric characters "
            "or '-', and must start and end with an alphanumeric character");
}

TEST(PeeringMeta, Rules) {
  EXPECT_EQ(token::meta_error(Json{{"env", "prod"}}), "");
  EXPECT_EQ(token::meta_error(Json{{"consul-x", "1"}}),
            "meta tags failed validation: Couldn't load metadata pair ('consul-x', '1'): Key prefix 'consul-' is "
            "reserved for internal use");
  EXPECT_EQ(token::meta_error(Json{{"a b", "1"}}),
            "meta tags failed validation: Couldn't load metadata pair ('a b', '1'): Key contains invalid characters");
  EXPECT_EQ(token::meta_error(Json{{"k", std::string(513, 'v')}}),
            "meta tags failed validation: Couldn't load metadata pair ('k', '" + std::string(513, 'v') +
                "'): Value is too long (limit: 512 characters)");
  Json many = Json::object();
  for (int i = 0; i < 65; ++i) many["k" + std::to_string(i)] = "v";
  EXPECT_EQ(token::meta_error(many),
            "meta tags failed validation: Node metadata cannot contain more than 64 key/value pairs");
}

token::Token valid_token() {
  token::Token t;
  t.ca = {token::fake_ca_pem("x")};
  t.server_addresses = {"10.0.0.1:8503"};
  t.server_name = "server.dc1.peering.abc.consul";
  t.peer_id = "11111111-1111-4111-8111-111111111111";
  t.establishment_secret = "22222222-2222-4222-8222-222222222222";
  t.remote_partition = "default";
  t.remote_datacenter = "dc1";
  return t;
}

TEST(PeeringToken, EncodesConsulsShape) {
  const std::string text = token::encode(valid_token());
  std::string raw, err;
  ASSERT_TRUE(token::base64_decode(text, raw, err));
  const Json j = Json::parse(raw);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"CA", "ManualServerAddresses", "ServerAddresses", "ServerName", "PeerID",
                                            "EstablishmentSecret", "Remote"}));
  EXPECT_TRUE(j["ManualServerAddresses"].is_null());
  EXPECT_EQ(j["Remote"].dump(), R"({"Partition":"default","Datacenter":"dc1","Locality":null})");
  EXPECT_TRUE(j["CA"][0].get<std::string>().starts_with("-----BEGIN CERTIFICATE-----\n"));
  EXPECT_TRUE(j["CA"][0].get<std::string>().ends_with("-----END CERTIFICATE-----\n"));
  token::Token back;
  EXPECT_EQ(token::decode(text, back), "");
  EXPECT_EQ(back.peer_id, valid_token().peer_id);
  EXPECT_EQ(token::validate(back), "");
}

TEST(PeeringToken, DecodeErrors) {
  token::Token t;
  EXPECT_EQ(token::decode("!!!!", t), "failed to decode token: illegal base64 data at input byte 0");
  EXPECT_EQ(token::decode(token::base64_encode("{\"CA\":"), t), "unexpected end of JSON input");
  EXPECT_EQ(token::decode(token::base64_encode("hello"), t), "invalid character 'h' looking for beginning of value");
  EXPECT_EQ(token::decode(token::base64_encode("{\"PeerID\": 5}"), t),
            "json: cannot unmarshal number into Go struct field PeeringToken.PeerID of type string");
  EXPECT_EQ(token::decode(token::base64_encode("[]"), t),
            "json: cannot unmarshal array into Go value of type structs.PeeringToken");
}

TEST(PeeringToken, ValidationOrder) {
  token::Token t = valid_token();
  t.ca = {"not a pem"};
  t.peer_id.clear();
  EXPECT_EQ(token::validate(t), "peering token invalid CA: no PEM-encoded data found");
  t.ca = {"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"};
  EXPECT_EQ(token::validate(t), "peering token invalid CA: first PEM-block should be CERTIFICATE type");
  t = valid_token();
  t.server_addresses.clear();
  EXPECT_EQ(token::validate(t), "peering token server addresses value is empty");
  t.manual_server_addresses = std::vector<std::string>{"10.0.0.9"};
  EXPECT_EQ(token::validate(t), "10.0.0.9 is not a valid peering server address");
  t = valid_token();
  t.server_addresses = {"host:0"};
  EXPECT_EQ(token::validate(t), "host:0 is not a valid peering server address");
  t = valid_token();
  t.server_name.clear();
  EXPECT_EQ(token::validate(t), "peering token server name value is empty");
  t = valid_token();
  t.peer_id.clear();
  EXPECT_EQ(token::validate(t), "peering token peer ID value is empty");
}

}  // namespace
}  // namespace entryc::runtime
