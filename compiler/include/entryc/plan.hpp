// The compiler: a project (topology + entries) and, optionally, a snapshot
// of what the clusters hold → an ordered plan of operations, in the order of
// the four peering steps (docs/plan-format.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/plugin_host.hpp"
#include "entryc/project.hpp"

namespace entryc::plan {

using Json = nlohmann::ordered_json;

inline constexpr int kFormatVersion = 1;

enum class Action { create, update, remove };
const char* to_string(Action a);
char symbol(Action a);  // + ~ -

// The steps of ../shared/seed-establish-cluster-peering.txt, with what must
// come before them (other config entries such as `mesh`) and after them.
enum class Step : int {
  prerequisites = 0,  // config entries of other kinds (mesh, proxy-defaults, ...)
  generate_token = 1,
  establish = 2,
  export_services = 3,
  authorize = 4,      // service-intentions
  acl = 5,            // ACL policies (the sidecar read rule)
  cleanup = 6,        // deletions
};
const char* to_string(Step s);

struct Op {
  std::string id;    // "<type>:<cluster>/<partition>:<target>", unique and stable
  std::string type;  // peering.generate-token | peering.establish | config.write | config.delete | acl.policy.write
  Action action = Action::create;
  Step step = Step::prerequisites;
  std::string cluster, partition;
  std::string target;  // peer name, "<kind>/<name>", or the policy name
  // The request body as compact JSON; a token is a reference
  // ({"$ref": "<op id>.PeeringToken"}), never a value.
  std::string body;
  std::vector<std::string> depends_on;
  std::string source;  // the file it comes from, relative to the project file ("" for peerings)
  std::string detail;  // update: what differs (one line)
  // config.write update / config.delete: the entry's ModifyIndex in the
  // snapshot, for a check-and-set write (`?cas=N`); none without one.
  std::optional<std::uint64_t> cas;
};

struct Plan {
  std::string project;  // the project file, as given
  std::vector<Op> ops;
  std::size_t unchanged = 0;  // operations the snapshot already satisfies
  std::size_t count(Action a) const;
};

// What the clusters hold (docs/plan-format.md, "State snapshot"): read from a
// JSON file now, supplied by backends later.
struct State {
  struct Peering {
    std::string cluster, partition, name, state;  // state: PENDING, ESTABLISHING, ACTIVE, ...
  };
  struct ConfigEntry {
    std::string cluster, partition;
    Json entry;  // as GET /v1/config/:kind/:name returns it
  };
  struct AclPolicy {
    std::string cluster, partition, name, rules;
  };
  std::vector<Peering> peerings;
  std::vector<ConfigEntry> config_entries;
  std::vector<AclPolicy> acl_policies;
};

// Reads a state snapshot; problems are diagnostics (code core-state).
std::optional<State> load_state(SourceManager& sm, const std::string& path, diag::Sink& sink);
// The same from a parsed document (a backend's snapshot); nullopt and `error`
// when it is malformed (never throws), and in `where` the path of the
// offending value (consul::index_generic's syntax, "" for the document).
std::optional<State> state_from_json(const Json& j, std::string& error, std::string* where = nullptr);

// Compiles a project (whose entries lint found no errors in) against `state`
// (nullptr: empty clusters). Deterministic: the same input gives the same
// plan, byte for byte.
Plan compile(const project::Project& project, const plugins::Host& host, const State* state);

// Renderings.
std::string to_json(const Plan& plan);    // stable, versioned (docs/plan-format.md)
std::string op_json(const Op& op);        // one operation, as to_json writes it (one line)
std::string to_human(const Plan& plan, const project::Project& project, bool color);

}  // namespace entryc::plan
