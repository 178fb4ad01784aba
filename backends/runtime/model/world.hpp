// The built-in peering runtime: an in-memory model of N Consul clusters
// (catalog, config-entry store with CreateIndex/ModifyIndex and CAS, ACL
// policies and the authorizer, peerings with real tokens and single-use
// secrets, exports → imports, intention decisions), faithful to
// ../shared/consul-semantics.md §2.5, §3.5–3.7, §4.4–4.7 and §5.
//
// Plain C++ with no I/O: the backend plugin (backends/runtime/plugin.cpp)
// persists it and drives it from plan operations; bench/ and the unit tests
// use it directly.
//
// Persistence is by resource: the state is a flat map from a resource key to
// its JSON value, so that a journal can record what one operation changed
// (apply() returns the keys it touched) and replaying those values rebuilds
// the same world.
//   "<cluster>"                                   cluster record {"Index", "TrustDomain", ...}
//   "<cluster>/<partition>/peering/<name>"        a peering, secrets included
//   "<cluster>/<partition>/config/<kind>/<ns>/<name>"  a stored config entry (as GET /v1/config returns it)
//   "<cluster>/<partition>/acl-policy/<name>"     {"ID", "Name", "Description", "Rules", "CreateIndex", "ModifyIndex"}
// docs/runtime.md describes the values, what is modelled and what is not.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace entryc::runtime {

using Json = nlohmann::ordered_json;

// A malformed topology, state document or operation.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A service as the runtime names it. `peer` is empty for a local caller.
struct ServiceRef {
  std::string cluster;
  std::string partition = "default";
  std::string ns = "default";
  std::string name;
};

// An HTTP request for L7 intentions. `http == false`: no request described
// (an L4 question; an L7 intention then counts as not allowed, like
// /v1/connect/intentions/check).
struct Request {
  bool http = false;
  std::string path = "/";
  std::string method = "GET";
  std::vector<std::pair<std::string, std::string>> headers;
};

// One step of a decision's reasoning trail.
struct Step {
  // "peering" | "export" | "import-acl" | "intention" | "default", or
  // "topology" when a service's cluster or partition is not in the topology.
  std::string check;
  bool ok = false;
  std::string detail;          // one sentence: "cluster-01 exports backend-service to peer cluster-02"
  Json data = Json::object();  // machine-readable facts (peer names, states, the matched source, precedence...)
};

struct Decision {
  bool allowed = false;
  // Consul's reason string where one exists (§3.7): "Matched L4 intention:
  // ...", "Default intention policy", ...; otherwise the failing step's detail.
  std::string reason;
  std::vector<Step> trail;
};

// The result of one operation.
struct Result {
  // The HTTP status Consul would answer: 200, 400, 401 (ACLs disabled), 403,
  // 404, 500; and 409 for a CAS write Consul answers with 200 and `false`.
  int status = 200;
  std::string error;  // Consul's error text when status != 200
  // generate-token: {"PeeringToken": "<base64>"}; config.write: {"Result":
  // true|false} (Consul's reply body); acl.policy.write: the stored policy.
  Json outputs = Json::object();
  std::vector<std::string> touched;  // resource keys written or deleted, in order
};

class World {
 public:
  // `topology` is the project document (entryc::project::project_json):
  // clusters (name, datacenter, region, edition, acl {enabled,
  // default_policy}, default_intention_policy (optional), partitions
  // {name, namespaces, services, tokens {name, policies, service_identities,
  // mesh_gateway}}), peerings, sameness_groups. The catalog (registered
  // services) comes from it. Throws Error.
  explicit World(const Json& topology);
  ~World();
  World(World&&) noexcept;
  World& operator=(World&&) noexcept;

  // Makes IDs, secrets and timestamps reproducible: peering IDs and secrets
  // come from a generator seeded with `value`, and DeletedAt from a logical
  // clock starting at 2025-01-01T00:00:00Z. Without it they are random and
  // the clock is the system's.
  void seed(std::uint64_t value);

  // The whole state, secrets included: {"format_version": 1, "resources": {key: value}}.
  Json to_state() const;
  // Replaces the state with one to_state() wrote. Throws Error naming the
  // bad resource.
  void load_state(const Json& state);
  // One resource's current value (null when absent); and setting it back
  // (null deletes) — what a journal replays.
  Json resource(const std::string& key) const;
  void put_resource(const std::string& key, const Json& value);
  std::vector<std::string> keys() const;  // sorted

  // What the clusters hold, in the snapshot shape of docs/plan-format.md
  // ("State snapshot"), with Consul's API JSON for each entry; no secrets.
  Json snapshot() const;

  // Applies one plan operation (docs/plan-format.md: type, cluster,
  // partition, target, body) whose references are resolved (an establish
  // body holds the PeeringToken value). Never throws for a request Consul
  // would reject: that is a Result with Consul's status and text. Throws
  // Error for an operation no plan makes (unknown type, cluster, partition).
  // Peerings a previous operation marked DELETING are removed first (the
  // leader's reaper), and their keys are the first of `touched`.
  //   peering.generate-token  body {"PeerName", "Partition"?, "Meta"?}
  //   peering.establish       body {"PeerName", "PeeringToken", "Partition"?, "Meta"?}
  //   peering.delete          body {"PeerName"}
  //   config.write            body: the entry; op "cas" (optional): ModifyIndex for check-and-set
  //   config.delete           target "<kind>/<name>"
  //   acl.policy.write        body {"Name", "Rules", "Description"?}
  //   acl.policy.delete       target: the policy name
  Result apply(const Json& op);

  // Can `src` call `dst`? Peer-aware: when the clusters differ, the
  // peering between their partitions must be ACTIVE, `dst` exported to the
  // peer name dst's cluster uses for src's, src's sidecar token (from the
  // topology) able to read imported services when src's cluster has ACLs
  // on (§4.5 "Imported (peered) data"), and the intentions on dst's cluster
  // (§3.5, §3.6) — or the default (§3.7) — must allow the caller
  // identified by (name, ns, partition, peer = dst's local name for src).
  Decision check(const ServiceRef& src, const ServiceRef& dst, const Request& req = {}) const;

  // The fast path for the same question, without the trail (benchmarks):
  // interned names and precomputed candidates, no allocation for L4
  // questions. const methods never mutate: concurrent readers are safe.
  bool allowed(const ServiceRef& src, const ServiceRef& dst, const Request& req = {}) const;

  // Services of `cluster/partition` imported from its peers:
  // [{"Peer": local peer name, "Service": name, "Namespace": ns}] sorted.
  Json imported(const std::string& cluster, const std::string& partition) const;
  // GET /v1/exported-services for `cluster/partition` (§6.3).
  Json exported(const std::string& cluster, const std::string& partition) const;
  // GET /v1/peerings for `cluster/partition` (§5.8), without secrets.
  // These three throw Error for a partition the topology does not have.
  Json peerings(const std::string& cluster, const std::string& partition) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entryc::runtime
