// Plan operations -> the requests Consul's HTTP API takes for them
// (../shared/consul-semantics.md §5.8, §6.1, §4.8):
//
//   peering.generate-token  POST /v1/peering/token      {"PeerName", "Partition"?}  -> PeeringToken
//   peering.establish       POST /v1/peering/establish  {"PeerName", "PeeringToken", "Partition"?}
//   config.write            PUT /v1/config[?cas=N]      the entry
//   config.delete           DELETE /v1/config/:kind/:name[?cas=N]
//   acl.policy.write        create: PUT /v1/acl/policy {"Name", "Rules"}
//                           update: GET /v1/acl/policy/name/:name -> ID, then PUT /v1/acl/policy/:id
//
// with `partition` (and `ns` for an entry in another namespace) as query
// parameters on Enterprise clusters only: Consul CE answers 400 to any
// non-empty one. A value one request produces and a later one needs (a
// peering token, a policy ID) is a named variable, never a value.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cluster_access.hpp"

namespace entryc::consul_http {

struct Request {
  std::string op;       // the plan operation's id
  std::string type;     // and its type
  std::string cluster;  // where it is sent
  std::string method;   // GET, POST, PUT, DELETE
  // Path and query, percent-encoded; "${NAME}" where a captured value goes
  // (the policy ID of an update).
  std::string path;
  // The JSON body; a secret is {"$var": "NAME"}, never a value.
  std::optional<Json> body;
  // The string member of the response to keep in a variable.
  std::string capture_var, capture_field;
  // Config writes and CAS deletes answer `true`, or `false` when Consul did
  // not apply them (a stale CAS index, §1.10).
  bool expect_true = false;
  // What a failure is reported as, in the Consul CLI's words where it has
  // some: "Error writing config entry exported-services/default".
  std::string error;
  // The message for a `false` answer: "Config entry not updated: <kind>/<name>".
  std::string refused;
};

// The query parameters that scope a request on cluster `c`: `partition`
// (and `ns` when `ns` is a namespace other than "default") on Enterprise,
// none on CE, whose agents answer 400 to any non-empty one (§1.10).
std::vector<std::pair<std::string, std::string>> scope_params(const ClusterAccess& c, const std::string& partition,
                                                              const std::string& ns = {});

// The operation's CAS index (its "cas" member, docs/plan-format.md), if any.
std::optional<std::uint64_t> cas_index(const Json& op);

// Maps the operations of one plan, in plan order: an operation may refer to
// an output of an earlier one ({"$ref": "<op id>.PeeringToken"}).
class RequestMap {
 public:
  // Emitting (`live` false): a reference becomes a variable, and a literal
  // peering token is refused. Live: the host has resolved the references,
  // so bodies are sent as they are.
  explicit RequestMap(const std::vector<ClusterAccess>& clusters, bool live = false)
      : clusters_(clusters), live_(live) {}

  // The requests for one operation (two for a policy update). Throws
  // std::runtime_error for an operation it cannot map.
  std::vector<Request> map(const Json& op);

 private:
  std::string new_var(std::string name);
  Json resolve(const Json& body) const;

  const std::vector<ClusterAccess>& clusters_;
  bool live_ = false;
  std::map<std::string, std::string> outputs_;  // "<op id>.PeeringToken" -> variable
  std::set<std::string> vars_;
};

// `v` with every one-member object {key: "NAME"} replaced by f(NAME): the
// plan's {"$ref": ...} references and the requests' {"$var": ...} variables.
Json replace_placeholders(const Json& v, const std::string& key, const std::function<Json(const std::string&)>& f);

}  // namespace entryc::consul_http
