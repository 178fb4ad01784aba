// Helpers for the runtime model's tests: topologies in the project_json
// shape, plan operations, and a peering set up the way a plan does it.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "world.hpp"

namespace entryc::runtime::test {

inline Json cluster(const std::string& name, const std::vector<std::string>& services, bool acl = false,
                    const std::string& default_policy = "allow", Json tokens = Json::array()) {
  return Json{{"name", name},
              {"datacenter", "dc-" + name},
              {"region", ""},
              {"consul_version", "1.17.1"},
              {"edition", "ce"},
              {"acl", {{"enabled", acl}, {"default_policy", default_policy}}},
              {"partitions", Json::array({Json{{"name", "default"},
                                               {"namespaces", Json::array()},
                                               {"services", services},
                                               {"entries", Json::array()},
                                               {"tokens", std::move(tokens)},
                                               {"policies", Json::array()}}})}};
}

inline Json token(const std::string& name, const std::vector<std::string>& policies,
                  const std::vector<std::string>& identities = {}) {
  return Json{{"name", name}, {"policies", policies}, {"service_identities", identities}, {"mesh_gateway", false}};
}

inline Json topology(std::vector<Json> clusters) {
  return Json{{"clusters", clusters},
              {"peerings", Json::array()},
              {"sameness_groups", Json::array()},
              {"entries", Json::array()}};
}

inline Json op(const std::string& type, const std::string& cluster, const std::string& target, Json body,
               const std::string& partition = "default") {
  return Json{
      {"type", type}, {"cluster", cluster}, {"partition", partition}, {"target", target}, {"body", std::move(body)}};
}

inline Result generate(World& w, const std::string& cluster, const std::string& peer_name) {
  return w.apply(op("peering.generate-token", cluster, peer_name, {{"PeerName", peer_name}}));
}

inline Result establish(World& w, const std::string& cluster, const std::string& peer_name, const std::string& token) {
  return w.apply(op("peering.establish", cluster, peer_name, {{"PeerName", peer_name}, {"PeeringToken", token}}));
}

// The plan's two peering steps; fails the test when either is refused.
inline void peer(World& w, const std::string& acceptor, const std::string& acceptor_peer_name,
                 const std::string& dialer, const std::string& dialer_peer_name) {
  const Result g = generate(w, acceptor, acceptor_peer_name);
  ASSERT_EQ(g.status, 200) << g.error;
  const Result e = establish(w, dialer, dialer_peer_name, g.outputs["PeeringToken"].get<std::string>());
  ASSERT_EQ(e.status, 200) << e.error;
}

inline Result write(World& w, const std::string& cluster, Json entry) {
  const std::string target = entry["Kind"].get<std::string>() + "/" + entry["Name"].get<std::string>();
  return w.apply(op("config.write", cluster, target, std::move(entry)));
}

inline Result policy(World& w, const std::string& cluster, const std::string& name, const std::string& rules) {
  return w.apply(op("acl.policy.write", cluster, name, {{"Name", name}, {"Rules", rules}}));
}

inline Json exports_to(const std::vector<std::pair<std::string, std::string>>& service_peer) {
  Json services = Json::array();
  for (const auto& [svc, peer_name] : service_peer) {
    services.push_back({{"Name", svc}, {"Consumers", Json::array({{{"Peer", peer_name}}})}});
  }
  return Json{{"Kind", "exported-services"}, {"Name", "default"}, {"Services", services}};
}

inline Json intention(const std::string& dest, Json sources) {
  return Json{{"Kind", "service-intentions"}, {"Name", dest}, {"Sources", std::move(sources)}};
}

inline ServiceRef svc(const std::string& cluster, const std::string& name) {
  ServiceRef r;
  r.cluster = cluster;
  r.name = name;
  return r;
}

inline Request http(const std::string& method, const std::string& path,
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request r;
  r.http = true;
  r.method = method;
  r.path = path;
  r.headers = std::move(headers);
  return r;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The trail as "check:ok" words, for compact assertions.
inline std::string trail(const Decision& d) {
  std::string out;
  for (const Step& s : d.trail) out += (out.empty() ? "" : " ") + s.check + (s.ok ? ":ok" : ":no");
  return out;
}

}  // namespace entryc::runtime::test
