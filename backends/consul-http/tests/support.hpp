// Projects and plan operations for the consul-http tests.
#pragma once

#include <string>
#include <vector>

#include "cluster_access.hpp"

namespace entryc::consul_http::test {

// Two clusters as the project document has them: "ce-1" (CE, ACLs on,
// address and token_env declared) and "ent-1" (Enterprise, ACLs off, no
// http block).
inline Json project() {
  return Json::parse(R"({"clusters": [
    {"name": "ce-1", "datacenter": "dc1", "edition": "ce", "acl": {"enabled": true, "default_policy": "deny"},
     "http": {"address": "https://consul.dc1.example:8501/", "token_env": "DC1_TOKEN", "token_file": "",
              "ca_file": "dc1-ca.pem", "tls_server_name": "", "tls_skip_verify": false}},
    {"name": "ent-1", "datacenter": "dc2", "edition": "ent", "acl": {"enabled": false, "default_policy": "allow"}}
  ]})");
}

inline std::vector<ClusterAccess> clusters() { return read_clusters(project()); }

// A plan operation as `entryc plan --format json` writes it.
inline Json op(const std::string& type, const std::string& cluster, const std::string& partition,
               const std::string& target, const std::string& body, const std::string& action = "create") {
  Json o = {{"id", type + ":" + cluster + "/" + partition + ":" + target},
            {"type", type},
            {"action", action},
            {"cluster", cluster},
            {"partition", partition},
            {"target", target},
            {"depends_on", Json::array()}};
  o["body"] = Json::parse(body);
  return o;
}

}  // namespace entryc::consul_http::test
