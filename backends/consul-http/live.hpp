// Live mode of the consul-http backend: a snapshot read from the clusters'
// HTTP APIs, and plan operations sent to them (docs/backends.md, "Live
// apply").
//
// - Each cluster's address is $CONSUL_HTTP_ADDR_<CLUSTER>, else http.address;
//   its token $<http.token_env or CONSUL_HTTP_TOKEN_<CLUSTER>>, else the
//   contents of http.token_file. Tokens live in memory only.
// - A config write carries `?cas=` from the snapshot the plan was made
//   against (`cas=0` for an entry the snapshot did not have), so an entry
//   someone changed in between is reported as a conflict, never overwritten.
// - Every write is read back before it counts as applied.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cluster_access.hpp"
#include "http_client.hpp"
#include "request_map.hpp"

namespace entryc::consul_http {

// An operation the cluster refused, or a write it did not keep: Consul's
// status (0 when it answered 200 but did not apply it) and what to tell.
struct Refused {
  int status = 0;
  std::string error;
};

class Live {
 public:
  // `project` is the project document (its clusters, partitions, entries).
  Live(const Json& project, std::vector<ClusterAccess> clusters, ClientOptions options);

  // What the clusters hold, as a plan state snapshot (docs/plan-format.md).
  // Throws std::runtime_error naming the cluster and request that failed.
  Json snapshot();

  // Sends one plan operation (its references already resolved) and reads
  // the result back: {"status": 200, "outputs": {...}}. Throws Refused for
  // what the cluster refused, std::runtime_error when it could not be asked.
  Json apply(const Json& op);

 private:
  struct Target {
    const ClusterAccess* access = nullptr;
    std::string base;   // the address in use
    std::string token;  // "" when none
    Tls tls;
  };
  Target& target(const std::string& cluster);
  Call call(const Target& t, std::string method, std::string path, std::optional<std::string> body = {}) const;
  Json read_json(const Target& t, const std::string& path);  // GET, 200 expected
  void verify(const Json& op, const Target& t, const Json& reply);

  Json project_;
  std::vector<ClusterAccess> clusters_;
  Client client_;
  std::map<std::string, Target> targets_;
};

}  // namespace entryc::consul_http
