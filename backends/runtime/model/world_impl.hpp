// World's internals, shared by world.cpp (topology, state, views),
// world_apply.cpp (operations) and world_decide.cpp (decisions).
//
// The resource map is the only source of truth; everything else here is
// derived from it by put() and kept in step resource by resource, so that
// apply, load_state and a journal replay (put_resource) all build the same
// indexes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "acl.hpp"
#include "common.hpp"
#include "exports.hpp"
#include "intentions.hpp"
#include "world.hpp"

namespace entryc::runtime {

inline constexpr std::string_view kDeleting = "DELETING";
inline constexpr std::string_view kTerminated = "TERMINATED";

// A peering record as stored (the resource), in the fields decisions need.
struct PeeringRec {
  std::string key;
  std::string id, name, state;
  bool dialer = false;  // made by establish (it has the acceptor's server name)
  std::string peer_id, peer_server_name, remote_partition, remote_datacenter;
  std::string establishment, pending_stream, active_stream;  // secrets
  // Derived by relink(): the record at the other end of a connected stream.
  bool connected = false;
  std::string other_key;

  bool live() const { return state != kDeleting && state != kTerminated; }
};

// Candidate intentions for a destination, in match order.
struct Candidates {
  std::uint64_t dest = 0;  // pack(ns, name)
  std::vector<intentions::MatchKey> keys;
  std::vector<std::pair<const intentions::Compiled*, std::uint32_t>> refs;  // entry and source index
};

struct TokenDecl {
  std::string name;
  std::vector<std::string> policies;
  std::vector<std::string> service_identities;
  bool mesh_gateway = false;
};

struct Partition {
  std::string name;
  std::size_t cluster = 0;
  std::uint32_t global = 0;
  std::vector<std::string> namespaces;
  std::vector<std::pair<std::string, std::string>> services;  // the catalog: (namespace, name), as declared
  std::unordered_set<std::uint64_t> catalog;                  // pack(ns, name)
  std::vector<TokenDecl> tokens;
  FlatMap token_by_name;  // name id -> index in tokens

  // ACL: parsed policies by name; whether each token (and the anonymous
  // token) may read imported services.
  std::map<std::string, acl::Rules, std::less<>> policies;
  std::vector<char> token_import_ok;
  bool anonymous_import_ok = false;

  // Config entries, compiled.
  std::unordered_map<std::uint64_t, intentions::Compiled> intentions;  // pack(ns, name); name may be `*`
  // Per destination with an entry of its own: its sources, then those of
  // `*` in its namespace, then `*` in every namespace, in match order
  // (rebuilt when one of those entries changes). Other destinations use
  // the `*` candidates of their namespace (key `*`: only the all-namespace ones).
  FlatMap dest_index;  // pack(ns, name) -> index in dest_candidates
  std::vector<Candidates> dest_candidates;
  std::unordered_map<Id, Candidates> wildcard_candidates;
  std::optional<exports::Compiled> exports;
  // Exports by name: pack(name, peer) -> its namespace, or kNoId when the
  // name is exported to that peer from several namespaces (then see
  // export_exact_multi).
  FlatMap export_exact;
  std::unordered_set<Key3, Key3Hash> export_exact_multi;  // (peer, ns, name)
  FlatMap export_wildcard;                                // pack(peer, ns); ns may be `*`
  std::unordered_map<std::uint64_t, unsigned> chains;     // pack(ns, name) -> bit per router/splitter/resolver entry
  std::unordered_map<Id, std::string> protocols;          // service-defaults Protocol by service
  std::string proxy_protocol;                             // proxy-defaults "global" Config.protocol

  std::map<std::string, PeeringRec, std::less<>> peerings;  // by name
};

struct Cluster {
  std::string name, datacenter, region;
  bool enterprise = false;
  bool acl_enabled = false;
  bool acl_default_allow = true;
  std::optional<bool> default_intention_allow;  // default_intention_policy, when set
  bool default_allow = true;                    // §3.7
  std::string default_reason;
  std::string trust_domain, server_name;
  std::uint64_t index = 0;
  std::vector<std::uint32_t> partitions;  // global indexes, in topology order
  std::uint32_t default_partition = 0;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> partition_by_name;
};

// A connected peering seen from one direction: traffic from `src` partition
// to `dst` partition.
struct Link {
  Id dst_peer = kNoId;  // the name dst's cluster uses for src's (what its intentions and exports say)
  Id src_peer = kNoId;  // the name src's cluster uses for dst's
  std::string dst_key, src_key;
};

struct ParsedKey {
  enum Kind { cluster, peering, config, policy } kind = cluster;
  std::size_t cluster_index = 0;
  std::uint32_t partition = 0;  // global
  std::string config_kind, ns, name;
};

struct World::Impl {
  Json topology;
  std::vector<Cluster> clusters;
  std::vector<Partition> partitions;
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> cluster_by_name;
  std::unordered_map<std::string, std::size_t> cluster_by_server_name;
  Interner names;
  Id star = kNoId, dflt = kNoId, consul = kNoId;

  std::map<std::string, Json> resources;
  FlatMap link_index;  // pack(src partition, dst partition) -> index in link_list
  std::vector<Link> link_list;
  const Link* link(std::uint32_t src, std::uint32_t dst) const {
    const std::uint32_t* at = link_index.find(pack(src, dst));
    return at ? &link_list[*at] : nullptr;
  }
  std::set<std::string> deleting;  // peering keys in DELETING, reaped by the next apply

  Rng rng;
  bool logical_clock = false;
  std::int64_t clock_tick = 0;

  // --- world.cpp -------------------------------------------------------------
  explicit Impl(const Json& topology);
  ParsedKey parse_key(const std::string& key) const;
  // Sets one resource (null erases it) and everything derived from it.
  // Throws Error naming the resource when the value is malformed.
  void put(const std::string& key, Json value);
  void reset_cluster_record(Cluster& c);
  void relink();
  void rebuild_dest(Partition& p, std::uint64_t dest);
  void rebuild_wildcards(Partition& p);
  const Candidates* candidates(const Partition& p, Id ns, Id name) const;
  void refresh_imports(Partition& p, std::string_view policy);  // "" refreshes every token
  bool token_import_ok(const Partition& p, const TokenDecl* token) const;
  acl::Authorizer authorizer(const Partition& p, const TokenDecl* token) const;
  Json peering_view(const Partition& p, const PeeringRec& r) const;
  std::vector<std::pair<Id, Id>> exported_to(const Partition& p, Id peer) const;  // (ns, name), sorted
  bool registered(const Partition& p, Id ns, Id name) const;
  std::string now();
  const Partition* partition_of(std::string_view cluster, std::string_view partition) const;

  static std::string cluster_key(const Cluster& c) { return c.name; }
  std::string partition_prefix(const Partition& p) const { return clusters[p.cluster].name + "/" + p.name + "/"; }

  // --- world_apply.cpp ---------------------------------------------------------
  Result apply(const Json& op);
  void write(Result& r, const std::string& key, Json value);
  std::uint64_t bump(Cluster& c, Result& r);
  void generate_token(Cluster& c, Partition& p, const Json& body, Result& r);
  void establish(Cluster& c, Partition& p, const Json& body, Result& r);
  void delete_peering(Cluster& c, Partition& p, const Json& op, Result& r);
  void config_write(Cluster& c, Partition& p, const Json& op, Result& r);
  void config_delete(Cluster& c, Partition& p, const Json& op, Result& r);
  void policy_write(Cluster& c, Partition& p, const Json& op, Result& r);
  void policy_delete(Cluster& c, Partition& p, const Json& op, Result& r);
  const PeeringRec* find_by_id(const Cluster& c, std::string_view id, Partition** where);
  std::string protocol_of(const Partition& p, Id service) const;
  bool speaks_http(const Partition& p, Id service) const;
  // names.find with the common "default" answered without hashing.
  Id find_name(std::string_view s) const { return s == "default" ? dflt : names.find(s); }

  // --- world_decide.cpp --------------------------------------------------------
  struct Match {
    const intentions::Compiled* entry = nullptr;
    const intentions::Source* source = nullptr;
    int permission = -1;      // the L7 permission that decided; -1: none matched
    bool no_request = false;  // an L7 match without an HTTP request
    bool not_http = false;    // an L7 match on a destination whose protocol is not HTTP-like
  };
  bool intention_allows(const Cluster& c, const Partition& p, Id dns, Id dname, Id sname, Id sns, Id spart, Id peer,
                        const Request& req, Match* m) const;
  bool exported(const Partition& p, Id peer, Id ns, Id name) const;
};

}  // namespace entryc::runtime
