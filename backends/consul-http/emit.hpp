// Offline emit: a plan as what would be sent to Consul, for people and tools
// to review or run (docs/backends.md, "consul-http"). Nothing is sent, and no
// secret is ever written: ACL tokens are environment variables, peering tokens
// shell variables (or "${NAME}" placeholders) from the request that generates
// one to the request that uses it.
//
//   http        requests.json: [{op, cluster, method, url, headers, body, capture?, expect?}] in plan order
//   curl        apply.sh: a bash script running those requests with curl
//   consul-cli  apply.sh: the same with the consul CLI, plus the entry and rules files it writes
#pragma once

#include <string>
#include <vector>

#include "cluster_access.hpp"

namespace entryc::consul_http {

struct File {
  std::string path;  // relative, '/'-separated
  std::string text;
  bool executable = false;
};

inline constexpr const char* kFormats[] = {"http", "curl", "consul-cli"};

// `plan` is a plan as `entryc plan --format json` writes it. Same input, same
// bytes. Throws std::runtime_error for an unknown format or an operation that
// cannot be expressed.
std::vector<File> emit(const std::string& format, const Json& plan, const std::vector<ClusterAccess>& clusters);

std::vector<File> emit_http(const Json& plan, const std::vector<ClusterAccess>& clusters);
std::vector<File> emit_curl(const Json& plan, const std::vector<ClusterAccess>& clusters);
std::vector<File> emit_consul_cli(const Json& plan, const std::vector<ClusterAccess>& clusters);

}  // namespace entryc::consul_http
