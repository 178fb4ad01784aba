// How each cluster of the project is reached: its edition (which query
// parameters Consul accepts), its HTTP address and where its ACL token comes
// from, read from the project document's `http` block (docs/project-file.md).
// Only names of variables and files: a token is never part of the project.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace entryc::consul_http {

using Json = nlohmann::ordered_json;

struct ClusterAccess {
  std::string name;
  std::string datacenter;
  bool enterprise = false;   // edition "ent": partition/ns query parameters are allowed
  bool acl_enabled = false;  // the token is required
  std::string address;       // http.address without a trailing '/'; "" when the project declares none
  std::string address_var;   // CONSUL_HTTP_ADDR_<CLUSTER>: overrides (or supplies) the address
  std::string token_var;     // http.token_env, else CONSUL_HTTP_TOKEN_<CLUSTER>
  std::string token_file;    // http.token_file: read when token_var is not set
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  std::string tls_server_name;
  bool tls_skip_verify = false;
  std::string shell;         // cluster_01: the scripts' own variables and function for it
};

// The project's clusters in topology order. Throws std::runtime_error when
// two clusters' names give the same variable names (e.g. "a-b" and "a_b").
std::vector<ClusterAccess> read_clusters(const Json& project);

// The cluster named `name`; throws std::runtime_error when there is none.
const ClusterAccess& find_cluster(const std::vector<ClusterAccess>& clusters, const std::string& name);

}  // namespace entryc::consul_http
