// What the curl and consul-cli scripts share: the header that says what the
// script needs and which environment variables it reads, the per-cluster
// address and token variables, and the one-line description of an operation.
#pragma once

#include <string>
#include <vector>

#include "cluster_access.hpp"

namespace entryc::consul_http {

struct ScriptInfo {
  std::string format;    // "curl", "consul-cli"
  std::string project;   // the project file, as the plan names it
  std::string what;      // "requests to Consul's HTTP API", "consul CLI commands"
  std::string needs;  // what it needs to run: "bash, curl 7.55 or later and sed (not jq)"
  std::size_t ops = 0;
};

// The clusters the plan's operations run on, in topology order.
std::vector<const ClusterAccess*> clusters_in(const Json& plan, const std::vector<ClusterAccess>& clusters);

// "#!/usr/bin/env bash", the comment block (requirements, environment
// variables, behaviour) and `set -euo pipefail`.
std::string script_header(const ScriptInfo& info, const std::vector<const ClusterAccess*>& clusters);

// addr_<cluster>=... and token_<cluster>=... for each cluster, read from the
// environment (and the project's defaults) before anything is sent.
std::string cluster_variables(const std::vector<const ClusterAccess*>& clusters);

// "peering.generate-token cluster-01/default peer cluster-02", as `entryc apply` shows it.
std::string describe(const Json& op);

// The "# ---- 3/5 ..." comment above an operation (with its source file and,
// for an update, what differs).
std::string op_heading(const Json& op, std::size_t n, std::size_t total);

// Members of a plan.
const Json& plan_ops(const Json& plan);
std::string member_text(const Json& j, const char* key);

}  // namespace entryc::consul_http
