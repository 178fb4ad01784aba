// Cluster peering (§5): generate-token and establish with Consul's checks
// and texts, single-use secrets, states on both sides, delete.
#include <gtest/gtest.h>

#include "peering_token.hpp"
#include "support.hpp"

namespace entryc::runtime {
namespace {

using test::establish;
using test::generate;
using test::op;

class Peering : public ::testing::Test {
 protected:
  Peering() : w(test::topology({test::cluster("c1", {"api"}), test::cluster("c2", {"web"}), test::cluster("c3", {})})) {
    w.seed(42);
  }
  std::string token_for(const std::string& cluster, const std::string& peer_name) {
    const Result r = generate(w, cluster, peer_name);
    EXPECT_EQ(r.status, 200) << r.error;
    return r.outputs["PeeringToken"].get<std::string>();
  }
  std::string state(const std::string& cluster, const std::string& name) {
    for (const Json& p : w.peerings(cluster, "default")) {
      if (p["Name"] == name) return p["State"].get<std::string>();
    }
    return "<none>";
  }
  World w;
};

TEST_F(Peering, TokenHasConsulsShape) {
  const std::string text = token_for("c1", "c2");
  std::string raw, err;
  ASSERT_TRUE(token::base64_decode(text, raw, err));
  const Json t = Json::parse(raw);
  const Json peering = w.peerings("c1", "default")[0];
  EXPECT_EQ(t["PeerID"], peering["ID"]);
  EXPECT_TRUE(t["ManualServerAddresses"].is_null());
  ASSERT_EQ(t["ServerAddresses"].size(), 1U);
  EXPECT_TRUE(t["ServerAddresses"][0].get<std::string>().ends_with(":8503"));
  const std::string sn = t["ServerName"].get<std::string>();
  EXPECT_TRUE(sn.starts_with("server.dc-c1.peering.") && sn.ends_with(".consul")) << sn;
  const std::string secret = t["EstablishmentSecret"].get<std::string>();
  ASSERT_EQ(secret.size(), 36U);
  EXPECT_EQ(secret[14], '4');  // UUID v4
  EXPECT_EQ(t["Remote"].dump(), R"({"Partition":"default","Datacenter":"dc-c1","Locality":null})");
  EXPECT_EQ(peering["State"], "PENDING");
  // Reads never show secrets.
  EXPECT_EQ(w.peerings("c1", "default").dump().find(secret), std::string::npos);
  EXPECT_EQ(w.snapshot().dump().find(secret), std::string::npos);
  EXPECT_NE(w.to_state().dump().find(secret), std::string::npos);
}

TEST_F(Peering, EstablishMakesBothSidesActive) {
  const Result e = establish(w, "c2", "c1", token_for("c1", "c2"));
  ASSERT_EQ(e.status, 200) << e.error;
  EXPECT_EQ(state("c1", "c2"), "ACTIVE");
  EXPECT_EQ(state("c2", "c1"), "ACTIVE");
  // Stored: the acceptor's record stays PENDING and the dialer's is
  // ESTABLISHING; ACTIVE is what reads compute from the connected stream.
  EXPECT_EQ(w.resource("c1/default/peering/c2")["State"], "PENDING");
  EXPECT_EQ(w.resource("c2/default/peering/c1")["State"], "ESTABLISHING");
  const Json dialer = w.peerings("c2", "default")[0];
  EXPECT_EQ(dialer["PeerID"], w.peerings("c1", "default")[0]["ID"]);
  EXPECT_EQ(dialer["Remote"]["Datacenter"], "dc-c1");
  EXPECT_EQ(w.peerings("c1", "default")[0]["Remote"]["Datacenter"], "dc-c2");
  EXPECT_TRUE(w.resource("c1/default/peering/c2")["Secrets"].contains("ActiveStream"));
  EXPECT_FALSE(w.resource("c1/default/peering/c2")["Secrets"].contains("Establishment"));  // consumed
}

TEST_F(Peering, TokenReuseIsRefused) {
  const std::string tok = token_for("c1", "c2");
  ASSERT_EQ(establish(w, "c2", "c1", tok).status, 200);
  const Result again = establish(w, "c3", "c1", tok);
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.error, "a new peering token must be generated: invalid peering establishment secret");
  // The dialer's record was written before the exchange failed.
  EXPECT_EQ(state("c3", "c1"), "PENDING");
  EXPECT_EQ(state("c1", "c2"), "ACTIVE");  // the established pair is untouched
}

TEST_F(Peering, RegeneratingInvalidatesTheOlderUnusedToken) {
  const std::string first = token_for("c1", "c2");
  const std::string second = token_for("c1", "c2");
  EXPECT_NE(first, second);
  EXPECT_EQ(w.peerings("c1", "default").size(), 1U);  // the same acceptor record, reused
  const Result old = establish(w, "c2", "c1", first);
  EXPECT_EQ(old.status, 403);
  EXPECT_EQ(old.error, "a new peering token must be generated: invalid peering establishment secret");
  EXPECT_EQ(establish(w, "c2", "c1", second).status, 200);  // a re-establish keeps the dialer's record
  EXPECT_EQ(state("c2", "c1"), "ACTIVE");
}

TEST_F(Peering, RegeneratingLeavesAnActivePeeringAlone) {
  ASSERT_EQ(establish(w, "c2", "c1", token_for("c1", "c2")).status, 200);
  token_for("c1", "c2");
  EXPECT_EQ(state("c1", "c2"), "ACTIVE");
  EXPECT_EQ(state("c2", "c1"), "ACTIVE");
}

TEST_F(Peering, SelfPeering) {
  const std::string tok = token_for("c1", "c2");
  const Result r = establish(w, "c1", "myself", tok);
  EXPECT_EQ(r.status, 500);
  std::string raw, err;
  token::base64_decode(tok, raw, err);
  EXPECT_EQ(r.error, "cannot create a peering within the same cluster \"" +
                         Json::parse(raw)["ServerName"].get<std::string>() +
                         "\". Refer to the `exported-services` documentation if you want to export between partitions "
                         "without peering");
  EXPECT_TRUE(r.touched.empty());
}

TEST_F(Peering, BadPeerNames) {
  const std::string want =
      "--AA-- is not a valid peer name: a valid peering name must consist of lower case alphanumeric characters or "
      "'-', and must start and end with an alphanumeric character";
  EXPECT_EQ(generate(w, "c1", "--AA--").error, want);
  EXPECT_EQ(establish(w, "c2", "--AA--", token_for("c1", "c2")).error, want);
  EXPECT_EQ(generate(w, "c1", "").error, "PeerName is required in the payload when generating a new peering token.");
  EXPECT_EQ(generate(w, "c1", "").status, 400);
}

TEST_F(Peering, NameAlreadyUsedTheOtherWay) {
  // c2 accepts a peer it calls "c3"; establishing c2 -> c1 under that name clashes.
  token_for("c2", "c3");
  const Result r = establish(w, "c2", "c3", token_for("c1", "c2"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.error, "cannot create peering with name: \"c3\"; there is an existing peering expecting to be dialed");
  // And a dialer's name cannot be used to generate a token.
  ASSERT_EQ(establish(w, "c2", "c1", token_for("c1", "c2")).status, 200);
  const Result g = generate(w, "c2", "c1");
  EXPECT_EQ(g.error, "cannot create peering with name: \"c1\"; there is already an established peering");
}

TEST_F(Peering, EstablishChecksInConsulsOrder) {
  EXPECT_EQ(establish(w, "c2", "c1", "%%%").error, "failed to decode token: illegal base64 data at input byte 0");
  EXPECT_EQ(establish(w, "c2", "c1", "").error, "PeeringToken is required in the payload when establishing a peering.");
  EXPECT_EQ(establish(w, "c2", "C1", "%%%").error.substr(0, 28), "C1 is not a valid peer name:");
  token::Token t;
  t.server_addresses = {"x:1"};
  t.server_name = "server.elsewhere";
  EXPECT_EQ(establish(w, "c2", "c1", token::encode(t)).error, "peering token peer ID value is empty");
  // A token from outside this world: the exchange cannot reach anyone.
  t.peer_id = "p";
  const Result far = establish(w, "c2", "c1", token::encode(t));
  EXPECT_EQ(far.status, 500);
  EXPECT_TRUE(
      far.error.starts_with("1 error occurred:\n\t* failed to exchange peering secret through address \"x:1\": "))
      << far.error;
  // An unresolved plan reference is a body the HTTP endpoint cannot decode.
  const Result ref = w.apply(
      op("peering.establish", "c2", "c1", {{"PeerName", "c1"}, {"PeeringToken", {{"$ref", "x.PeeringToken"}}}}));
  EXPECT_EQ(ref.status, 400);
  EXPECT_EQ(ref.error,
            "Body decoding failed: json: cannot unmarshal object into Go struct field "
            "PeeringEstablishRequest.PeeringToken of type string");
}

TEST_F(Peering, CePartitionCheck) {
  const Result r = w.apply(op("peering.generate-token", "c1", "c2", {{"PeerName", "c2"}, {"Partition", "eu"}}));
  EXPECT_EQ(r.error, "Partitions are a Consul Enterprise feature");
  EXPECT_EQ(w.apply(op("peering.generate-token", "c1", "c2", {{"PeerName", "c2"}, {"Partition", "Default"}})).status,
            200);
}

TEST_F(Peering, DeleteMarksDeletingThenGoneAndTerminatesTheOtherSide) {
  ASSERT_EQ(establish(w, "c2", "c1", token_for("c1", "c2")).status, 200);
  const Result d = w.apply(op("peering.delete", "c2", "c1", {{"PeerName", "c1"}}));
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(state("c2", "c1"), "DELETING");
  EXPECT_EQ(w.peerings("c2", "default")[0]["DeletedAt"], "2025-01-01T00:00:00Z");
  EXPECT_EQ(state("c1", "c2"), "TERMINATED");
  EXPECT_FALSE(w.resource("c1/default/peering/c2").contains("Secrets"));
  EXPECT_FALSE(w.resource("c2/default/peering/c1").contains("Secrets"));
  // Deleting again is a success without changes.
  EXPECT_TRUE(w.apply(op("peering.delete", "c2", "c1", {{"PeerName", "c1"}})).touched.size() == 1U);  // only the reap
  EXPECT_EQ(state("c2", "c1"), "<none>");
  EXPECT_EQ(state("c1", "c2"), "TERMINATED");  // stays until deleted locally
  // The next operation reaps DELETING records and says so.
  ASSERT_EQ(w.apply(op("peering.delete", "c1", "c2", {{"PeerName", "c2"}})).status, 200);
  const Result next = generate(w, "c1", "c2");
  EXPECT_EQ(next.touched[0], "c1/default/peering/c2");  // the reap...
  EXPECT_EQ(state("c1", "c2"), "PENDING");              // ...then a fresh record
}

TEST_F(Peering, SeededWorldsMintTheSameTokens) {
  World other(test::topology({test::cluster("c1", {"api"}), test::cluster("c2", {"web"}), test::cluster("c3", {})}));
  other.seed(42);
  const Result a = generate(w, "c1", "c2");
  const Result b = generate(other, "c1", "c2");
  EXPECT_EQ(a.outputs, b.outputs);
}

}  // namespace
}  // namespace entryc::runtime
