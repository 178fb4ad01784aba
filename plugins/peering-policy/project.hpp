// Reading the project document the host gives the "project" kind
// (compiler/src/project.cpp, project_json): clusters with their partitions,
// tokens and policies; peerings; sameness groups; and every entry file
// decoded the way Consul decodes it. The rules of this plugin ask it who a
// partition's peers are, which entries Consul ends up with, and what a
// token's policies grant.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entryc/plugin_sdk.hpp"

namespace peering {

using entryc::sdk::Document;
using entryc::sdk::Json;
using entryc::sdk::Report;
using entryc::sdk::Reporter;

// A string field, or "" when absent (Go's zero value).
std::string_view field(const Json& j, const char* key);
// A list field, or an empty list.
const Json& list(const Json& j, const char* key);
bool contains(const Json& strings, std::string_view s);

// "x[3]"
std::string at(std::string_view base, std::size_t i);

// ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$: a name Consul accepts for a peer (§5.1).
bool valid_peer_name(std::string_view s);
// The closest valid peer name: lower case, other characters as '-', trimmed
// ("" when nothing is left).
std::string peer_name_like(std::string_view s);

// One side of a peering as its partition sees it: the name its entries use
// for the other side.
struct PeerName {
  std::string name;     // the local peer name
  std::string local;    // "dc1/default": the partition that uses the name
  std::string remote;   // the partition the name stands for
  std::size_t peering;  // index in peerings[]
  bool acceptor;        // generate-token side (acceptor_peer_name), else establish (dialer_peer_name)
  std::string path() const;  // peerings[2].acceptor_peer_name
};

class Project {
 public:
  explicit Project(const Json& doc);
  // The document's project, read once and shared by the rules.
  static const Project& of(const Document& doc) {
    return doc.memo<Project>([&] { return Project(doc.dom()); });
  }

  const Json& clusters() const { return list(doc_, "clusters"); }
  const Json& peerings() const { return list(doc_, "peerings"); }
  const Json& groups() const { return list(doc_, "sameness_groups"); }
  const Json& entries() const { return list(doc_, "entries"); }

  std::optional<std::size_t> cluster_index(std::string_view name) const;
  const Json* cluster(std::string_view name) const;
  // A partition by its reference "cluster/partition".
  const Json* partition(std::string_view ref) const;
  // clusters[1].partitions[2]
  std::optional<std::string> partition_path(std::string_view ref) const;

  // Every side of every peering, in peering order (acceptor side first).
  const std::vector<PeerName>& peer_names() const { return names_; }
  // The peering `local` calls `name`, or nullptr (also for "").
  const PeerName* peer(std::string_view local, std::string_view name) const;
  // The names `local` gives its peers.
  std::vector<std::string> peer_names_of(std::string_view local) const;

  // A sameness group by name and its index, or nullopt.
  std::optional<std::size_t> group_index(std::string_view name) const;
  bool member(std::size_t group, std::string_view ref) const;

  // Where an entry lives: "cluster/partition".
  static std::string ref_of(const Json& entry);
  // entries[3].entry
  static std::string entry_path(std::size_t i) { return at("entries", i) + ".entry"; }
  // The entries of `kind` in `ref` that Consul ends up with: for each Name,
  // the last file in path order (the host sorts entries that way).
  std::vector<std::size_t> effective(std::string_view ref, std::string_view kind) const;
  // The one entry of `kind` named `name` in `ref` that Consul ends up with.
  std::optional<std::size_t> effective(std::string_view ref, std::string_view kind, std::string_view name) const;

 private:
  const Json& doc_;
  std::vector<PeerName> names_;
  // "ref\0kind" → name → the last entry of that name (built in the constructor,
  // so that the rules' lookups are not a scan of every entry).
  std::map<std::string, std::map<std::string, std::size_t, std::less<>>, std::less<>> effective_;
};

// A member of an object, or null.
const Json& member(const Json& j, const char* key);
// A boolean member; false when absent.
bool flag(const Json& j, const char* key);
// Whether entries[i] had lint errors (Consul would reject it): rules that
// read its content skip it rather than repeat those errors.
bool has_errors(const Json& entry);
// Whether those errors may concern `item`, one element of a list of the entry
// ("Sources[2]", "Services[0].Consumers[1]"): errors inside other elements of
// the same lists do not, so the rules still check the valid ones.
bool has_errors(const Json& entry, std::string_view item);
// The decoded config entry of entries[i] (null when it did not decode).
const Json& entry_of(const Json& e);

// A place in an entry that names where traffic may come from or go to: a
// consumer of an exported-services entry or a source of a service-intentions
// entry.
struct Reference {
  std::size_t entry;  // index in entries[]
  std::string ref;    // the entry's cluster/partition
  const Json& obj;    // the consumer or source
  std::string item;   // its path in the entry: Services[0].Consumers[1]
  bool source;        // a source (else a consumer)
  // entries[3].entry.Services[0].Consumers[1]
  std::string path() const { return Project::entry_path(entry) + "." + item; }
};

template <class F>
void for_each_reference(const Project& p, F&& f) {
  const Json& es = p.entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    const std::string_view kind = field(es[i], "kind");
    const Json& entry = entry_of(es[i]);
    if (kind == "exported-services") {
      const Json& services = list(entry, "Services");
      for (std::size_t s = 0; s < services.size(); ++s) {
        const Json& consumers = list(services[s], "Consumers");
        for (std::size_t c = 0; c < consumers.size(); ++c) {
          f(Reference{i, Project::ref_of(es[i]), consumers[c], at(at("Services", s) + ".Consumers", c), false});
        }
      }
    } else if (kind == "service-intentions") {
      const Json& sources = list(entry, "Sources");
      for (std::size_t s = 0; s < sources.size(); ++s) {
        f(Reference{i, Project::ref_of(es[i]), sources[s], at("Sources", s), true});
      }
    }
  }
}

// ---- traffic

// A service-intentions source that lets some traffic through: Action allow,
// or an L7 permission that allows.
bool allows(const Json& source);

// Whether callers arriving over the peering `peer` match a source or a
// consumer: it names the peer, or a sameness group the peer's partition is in.
bool covers(const Project& p, const Json& source_or_consumer, const PeerName& peer);

// An intention in `local` for `service` that only makes sense in the peer's
// partition: the service is not one of `local`'s (services declared) but is
// one of the peer's.
bool wrong_side(const Project& p, std::string_view local, std::string_view service, const PeerName& peer);

// The other side of the same peering.
const PeerName& other_side(const Project& p, const PeerName& peer);

// Whether the exported-services entry exports `service` ("*": anything) to `peer`.
bool exports_to(const Project& p, const Json& exports, std::string_view service, const PeerName& peer);

// ---- ACL

// A cluster's ACL settings: whether ACLs are on, and the default policy
// ("allow" when they are off: everything is allowed).
bool acl_enabled(const Json& cluster);
std::string_view default_policy(const Json& cluster);

// What a token's policies grant, for the checks peering needs (§4.5).
enum class Decision { allow, deny, abstain };

struct Grants {
  // Merged service / node rules: name -> level (lowercase), exact and prefix.
  std::vector<std::pair<std::string, std::string>> services, service_prefixes, nodes, node_prefixes;
  std::string mesh, peering, operator_;  // scalar levels (lowercase), "" when unset

  // ServiceWriteAny: service:write on some service.
  Decision service_write_any() const;
  // ServiceReadAll / NodeReadAll: read on every service / node.
  Decision service_read_all() const;
  Decision node_read_all() const;
  Decision mesh_write() const;
  Decision peering_read() const;
};

// The token's grants: its policies merged with the policy each service
// identity stands for (§4.4); nullopt when one of its policies is not in the
// project or did not parse (other rules report those).
std::optional<Grants> grants_of(const Project& p, std::string_view ref, const Json& token);

// A decision after the cluster's default policy ("allow" or "deny").
bool allowed(Decision d, std::string_view default_policy);

}  // namespace peering
