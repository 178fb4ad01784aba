// World: the topology, the resource map and what is derived from it, the
// state document and the read views (snapshot, peerings, exports, imports).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "config_entries.hpp"
#include "world_impl.hpp"

namespace entryc::runtime {

namespace {

const Json& member(const Json& obj, const char* key) {
  static const Json null;
  if (!obj.is_object()) return null;
  const auto it = obj.find(key);
  return it == obj.end() ? null : *it;
}

std::string text(const Json& obj, const char* key, std::string fallback = {}) {
  const Json& v = member(obj, key);
  return v.is_string() ? v.get<std::string>() : fallback;
}

std::vector<std::string> strings(const Json& obj, const char* key, const std::string& where) {
  const Json& v = member(obj, key);
  std::vector<std::string> out;
  if (v.is_null()) return out;
  if (!v.is_array()) throw Error(fmt::format("topology: {}.{} must be a list of strings", where, key));
  for (const Json& e : v) {
    if (!e.is_string()) throw Error(fmt::format("topology: {}.{} must be a list of strings", where, key));
    out.push_back(e.get<std::string>());
  }
  return out;
}

bool is_policy(const Json& v, const std::string& where) {
  if (!v.is_string() || (v != "allow" && v != "deny"))
    throw Error(fmt::format("topology: {} must be \"allow\" or \"deny\"", where));
  return v == "allow";
}

constexpr unsigned chain_bit(std::string_view kind) {
  return kind == "service-router" ? 1U : kind == "service-splitter" ? 2U : kind == "service-resolver" ? 4U : 0U;
}

}  // namespace

World::Impl::Impl(const Json& topo) : topology(topo) {
  star = names.intern("*");
  dflt = names.intern("default");
  consul = names.intern("consul");
  const Json& cs = member(topo, "clusters");
  if (!cs.is_array()) throw Error("topology: 'clusters' must be a list of clusters");
  for (std::size_t ci = 0; ci < cs.size(); ++ci) {
    const Json& cj = cs[ci];
    const std::string where = fmt::format("clusters[{}]", ci);
    Cluster c;
    c.name = text(cj, "name");
    if (c.name.empty() || c.name.find('/') != std::string::npos) {
      throw Error(fmt::format("topology: {}.name must be a non-empty name without '/'", where));
    }
    if (cluster_by_name.count(c.name)) throw Error(fmt::format("topology: cluster '{}' is declared twice", c.name));
    c.datacenter = text(cj, "datacenter");
    if (c.datacenter.empty()) c.datacenter = c.name;
    c.region = text(cj, "region");
    c.enterprise = text(cj, "edition") == "ent";
    const Json& aclj = member(cj, "acl");
    c.acl_enabled = member(aclj, "enabled").is_boolean() && member(aclj, "enabled").get<bool>();
    if (!member(aclj, "default_policy").is_null())
      c.acl_default_allow = is_policy(aclj["default_policy"], where + ".acl.default_policy");
    for (const Json* dip : {&member(cj, "default_intention_policy"), &member(aclj, "default_intention_policy")}) {
      if (!dip->is_null() && *dip != "")
        c.default_intention_allow = is_policy(*dip, where + ".default_intention_policy");
    }
    // §3.7: default_intention_policy, else ACLs off allow, else the ACL default policy.
    if (c.default_intention_allow) {
      c.default_allow = *c.default_intention_allow;
      c.default_reason = "Default intention policy";
    } else {
      c.default_allow = !c.acl_enabled || c.acl_default_allow;
      c.default_reason = "Default behavior configured by ACLs";
    }
    const std::size_t index = clusters.size();
    cluster_by_name.emplace(c.name, index);

    Json parts = member(cj, "partitions");
    if (parts.is_null()) parts = Json::array();
    if (!parts.is_array()) throw Error(fmt::format("topology: {}.partitions must be a list", where));
    const bool has_default =
        std::any_of(parts.begin(), parts.end(), [](const Json& p) { return text(p, "name") == "default"; });
    if (!has_default) parts.insert(parts.begin(), Json{{"name", "default"}});
    for (std::size_t pi = 0; pi < parts.size(); ++pi) {
      const Json& pj = parts[pi];
      const std::string pw = fmt::format("{}.partitions[{}]", where, pi);
      Partition p;
      p.name = text(pj, "name");
      if (p.name.empty() || p.name.find('/') != std::string::npos) {
        throw Error(fmt::format("topology: {}.name must be a non-empty name without '/'", pw));
      }
      if (c.partition_by_name.count(p.name))
        throw Error(fmt::format("topology: partition '{}' is declared twice", p.name));
      p.cluster = index;
      p.global = static_cast<std::uint32_t>(partitions.size());
      p.namespaces = strings(pj, "namespaces", pw);
      for (const std::string& s : strings(pj, "services", pw)) {
        // "ns/name" places a service in a namespace; a plain name is in "default".
        const std::size_t slash = s.find('/');
        std::string ns = slash == std::string::npos ? "default" : s.substr(0, slash);
        std::string name = slash == std::string::npos ? s : s.substr(slash + 1);
        p.catalog.insert(pack(names.intern(ns), names.intern(name)));
        p.services.emplace_back(std::move(ns), std::move(name));
      }
      const Json& toks = member(pj, "tokens");
      if (!toks.is_null() && !toks.is_array()) throw Error(fmt::format("topology: {}.tokens must be a list", pw));
      for (std::size_t ti = 0; toks.is_array() && ti < toks.size(); ++ti) {
        const std::string tw = fmt::format("{}.tokens[{}]", pw, ti);
        TokenDecl t;
        t.name = text(toks[ti], "name");
        if (t.name.empty()) throw Error(fmt::format("topology: {}.name is required", tw));
        t.policies = strings(toks[ti], "policies", tw);
        t.service_identities = strings(toks[ti], "service_identities", tw);
        t.mesh_gateway = member(toks[ti], "mesh_gateway").is_boolean() && toks[ti]["mesh_gateway"].get<bool>();
        const Id tid = names.intern(t.name);
        if (!p.token_by_name.find(tid))
          p.token_by_name.set(
              tid, static_cast<std::uint32_t>(p.tokens.size()));  // the first token of a name is the service's
        p.tokens.push_back(std::move(t));
      }
      c.partition_by_name.emplace(p.name, p.global);
      if (p.name == "default") c.default_partition = p.global;
      c.partitions.push_back(p.global);
      partitions.push_back(std::move(p));
    }
    clusters.push_back(std::move(c));
  }
  for (Cluster& c : clusters) reset_cluster_record(c);
  for (Partition& p : partitions) {
    p.anonymous_import_ok = token_import_ok(p, nullptr);
    refresh_imports(p, "");
  }
}

void World::Impl::reset_cluster_record(Cluster& c) {
  // Consul's trust domain is "<cluster id>.consul"; ours is derived from the
  // cluster's name so that it is stable without any state.
  c.index = 0;
  c.trust_domain = stable_uuid("entryc-runtime/" + c.name) + ".consul";
  c.server_name = "server." + c.datacenter + ".peering." + c.trust_domain;
  resources[cluster_key(c)] = Json{{"Index", c.index}, {"TrustDomain", c.trust_domain}};
  cluster_by_server_name.clear();
  for (std::size_t i = 0; i < clusters.size(); ++i) cluster_by_server_name.emplace(clusters[i].server_name, i);
}

const Partition* World::Impl::partition_of(std::string_view cluster, std::string_view partition) const {
  const auto c = cluster_by_name.find(cluster);
  if (c == cluster_by_name.end()) return nullptr;
  if (partition == "default") return &partitions[clusters[c->second].default_partition];
  const auto p = clusters[c->second].partition_by_name.find(partition);
  return p == clusters[c->second].partition_by_name.end() ? nullptr : &partitions[p->second];
}

std::string World::Impl::now() {
  if (logical_clock) return rfc3339(1735689600 + clock_tick++);  // 2025-01-01T00:00:00Z
  return rfc3339(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

// --- resources -----------------------------------------------------------------

ParsedKey World::Impl::parse_key(const std::string& key) const {
  ParsedKey k;
  const std::size_t s1 = key.find('/');
  const auto c = cluster_by_name.find(std::string_view(key).substr(0, s1));
  if (c == cluster_by_name.end()) throw Error("no cluster of that name in the topology");
  k.cluster_index = c->second;
  if (s1 == std::string::npos) return k;
  const std::size_t s2 = key.find('/', s1 + 1);
  const std::size_t s3 = s2 == std::string::npos ? std::string::npos : key.find('/', s2 + 1);
  if (s3 == std::string::npos) throw Error("not a resource key (<cluster>/<partition>/<type>/...)");
  const Cluster& cl = clusters[k.cluster_index];
  const auto p = cl.partition_by_name.find(std::string_view(key).substr(s1 + 1, s2 - s1 - 1));
  if (p == cl.partition_by_name.end()) throw Error("no partition of that name in the cluster");
  k.partition = p->second;
  const std::string type = key.substr(s2 + 1, s3 - s2 - 1);
  const std::string rest = key.substr(s3 + 1);
  if (rest.empty()) throw Error("the resource key has no name");
  if (type == "peering") {
    k.kind = ParsedKey::peering;
    k.name = rest;
  } else if (type == "acl-policy") {
    k.kind = ParsedKey::policy;
    k.name = rest;
  } else if (type == "config") {
    const std::size_t a = rest.find('/');
    const std::size_t b = a == std::string::npos ? a : rest.find('/', a + 1);
    if (b == std::string::npos) throw Error("a config key is <cluster>/<partition>/config/<kind>/<namespace>/<name>");
    k.kind = ParsedKey::config;
    k.config_kind = rest.substr(0, a);
    k.ns = rest.substr(a + 1, b - a - 1);
    k.name = rest.substr(b + 1);
    if (!config::known_kind(k.config_kind, true)) throw Error("invalid config entry kind: " + k.config_kind);
  } else {
    throw Error("unknown resource type '" + type + "'");
  }
  return k;
}

void World::Impl::put(const std::string& key, Json value) {
  try {
    const ParsedKey k = parse_key(key);
    Cluster& c = clusters[k.cluster_index];
    Partition& p = partitions[k.partition];
    if (!value.is_null() && !value.is_object()) throw Error("the value must be a JSON object (or null to delete)");
    switch (k.kind) {
      case ParsedKey::cluster: {
        if (value.is_null()) {
          reset_cluster_record(c);
          relink();
          return;
        }
        const Json& idx = member(value, "Index");
        if (!idx.is_number_unsigned() && !(idx.is_number_integer() && idx.get<std::int64_t>() >= 0)) {
          throw Error("Index must be a non-negative integer");
        }
        if (text(value, "TrustDomain").empty()) throw Error("TrustDomain must be a non-empty string");
        c.index = idx.get<std::uint64_t>();
        const bool moved = c.trust_domain != text(value, "TrustDomain");
        resources[key] = std::move(value);
        if (!moved) return;  // an index bump: nothing derived changes
        c.trust_domain = text(resources[key], "TrustDomain");
        c.server_name = "server." + c.datacenter + ".peering." + c.trust_domain;
        cluster_by_server_name.clear();
        for (std::size_t i = 0; i < clusters.size(); ++i) cluster_by_server_name.emplace(clusters[i].server_name, i);
        relink();
        return;
      }
      case ParsedKey::peering: {
        deleting.erase(key);
        if (value.is_null()) {
          p.peerings.erase(k.name);
          resources.erase(key);
          relink();
          return;
        }
        static const std::set<std::string, std::less<>> kStates = {"PENDING", "ESTABLISHING", "ACTIVE",
                                                                   "FAILING", "DELETING",     "TERMINATED"};
        PeeringRec r;
        r.key = key;
        r.id = text(value, "ID");
        r.name = text(value, "Name");
        r.state = text(value, "State");
        if (r.id.empty()) throw Error("ID must be a non-empty string");
        if (r.name != k.name) throw Error("Name must be the name in the key ('" + k.name + "')");
        if (!kStates.count(r.state))
          throw Error("State must be one of PENDING, ESTABLISHING, ACTIVE, FAILING, DELETING, TERMINATED");
        r.peer_id = text(value, "PeerID");
        r.peer_server_name = text(value, "PeerServerName");
        r.dialer = !r.peer_server_name.empty();
        r.remote_partition = text(member(value, "Remote"), "Partition");
        r.remote_datacenter = text(member(value, "Remote"), "Datacenter");
        const Json& secrets = member(value, "Secrets");
        if (!secrets.is_null() && !secrets.is_object()) throw Error("Secrets must be an object");
        r.establishment = text(secrets, "Establishment");
        r.pending_stream = text(secrets, "PendingStream");
        r.active_stream = text(secrets, "ActiveStream");
        if (r.state == kDeleting) deleting.insert(key);
        p.peerings[k.name] = std::move(r);
        resources[key] = std::move(value);
        relink();
        return;
      }
      case ParsedKey::config: {
        const Id ns = names.intern(k.ns), name = names.intern(k.name);
        const std::uint64_t nk = pack(ns, name);
        if (!value.is_null()) {
          if (text(value, "Kind") != k.config_kind) throw Error("Kind must be '" + k.config_kind + "'");
          if (text(value, "Name") != k.name) throw Error("Name must be the name in the key ('" + k.name + "')");
        }
        if (k.config_kind == "service-intentions") {
          if (value.is_null()) {
            p.intentions.erase(nk);
          } else {
            p.intentions[nk] = intentions::compile(value, p.name, c.enterprise, names);
          }
          if (name == star) {
            rebuild_wildcards(p);
          } else {
            rebuild_dest(p, nk);
          }
        } else if (k.config_kind == "exported-services") {
          p.exports.reset();
          p.export_exact.clear();
          p.export_exact_multi.clear();
          p.export_wildcard.clear();
          if (!value.is_null()) {
            p.exports = exports::compile(value, c.enterprise, names);
            for (const exports::Service& s : p.exports->services) {
              for (const Id peer : s.peers) {
                if (s.name == star) {
                  p.export_wildcard.set(pack(peer, s.ns), 1);
                } else {
                  const std::uint64_t ek = pack(s.name, peer);
                  const std::uint32_t* ns_at = p.export_exact.find(ek);
                  if (ns_at && *ns_at != s.ns) p.export_exact.set(ek, kNoId);
                  if (!ns_at) p.export_exact.set(ek, s.ns);
                  p.export_exact_multi.insert(Key3{peer, s.ns, s.name});
                }
              }
            }
          }
        } else if (const unsigned bit = chain_bit(k.config_kind); bit) {
          unsigned& bits = p.chains[nk];
          bits = value.is_null() ? bits & ~bit : bits | bit;
          if (!bits) p.chains.erase(nk);
        } else if (k.config_kind == "service-defaults") {
          if (value.is_null()) {
            p.protocols.erase(name);
          } else {
            p.protocols[name] = lower(text(value, "Protocol"));
          }
        } else if (k.config_kind == "proxy-defaults") {
          p.proxy_protocol = value.is_null() ? std::string() : lower(text(member(value, "Config"), "protocol"));
        }
        if (value.is_null()) {
          resources.erase(key);
        } else {
          resources[key] = std::move(value);
        }
        return;
      }
      case ParsedKey::policy: {
        if (value.is_null()) {
          p.policies.erase(k.name);
          resources.erase(key);
          refresh_imports(p, k.name);
          return;
        }
        if (text(value, "Name") != k.name) throw Error("Name must be the name in the key ('" + k.name + "')");
        if (!member(value, "Rules").is_string()) throw Error("Rules must be a string");
        acl::Parsed parsed = acl::parse_rules(value["Rules"].get<std::string>(), "policy " + go_quote(k.name));
        if (!parsed.error.empty()) throw Error(parsed.error);
        p.policies[k.name] = std::move(parsed.rules);
        resources[key] = std::move(value);
        refresh_imports(p, k.name);
        return;
      }
    }
  } catch (const Error& e) {
    throw Error(fmt::format("resource {}: {}", go_quote(key), e.what()));
  }
}

namespace {

void append(Candidates& out, const intentions::Compiled* entry) {
  if (!entry) return;
  for (std::size_t i = 0; i < entry->keys.size(); ++i) {
    out.keys.push_back(entry->keys[i]);
    out.refs.emplace_back(entry, static_cast<std::uint32_t>(i));
  }
}

}  // namespace

void World::Impl::rebuild_dest(Partition& p, std::uint64_t dest) {
  auto entry = [&](std::uint64_t k) -> const intentions::Compiled* {
    const auto it = p.intentions.find(k);
    return it == p.intentions.end() ? nullptr : &it->second;
  };
  const intentions::Compiled* own = entry(dest);
  const std::uint32_t* at = p.dest_index.find(dest);
  if (!own) {
    if (!at) return;
    // Swap the last destination into the hole.
    const std::uint32_t hole = *at;
    p.dest_index.erase(dest);
    if (hole + 1 != p.dest_candidates.size()) {
      p.dest_candidates[hole] = std::move(p.dest_candidates.back());
      p.dest_index.set(p.dest_candidates[hole].dest, hole);
    }
    p.dest_candidates.pop_back();
    return;
  }
  Candidates c;
  c.dest = dest;
  const Id ns = static_cast<Id>(dest >> 32);
  // Precedence bands 9-7, 6-4 and 3-1 do not overlap: concatenating the
  // three sorted lists is the sorted union.
  append(c, own);
  append(c, entry(pack(ns, star)));
  append(c, entry(pack(star, star)));
  if (at) {
    p.dest_candidates[*at] = std::move(c);
  } else {
    p.dest_index.set(dest, static_cast<std::uint32_t>(p.dest_candidates.size()));
    p.dest_candidates.push_back(std::move(c));
  }
}

void World::Impl::rebuild_wildcards(Partition& p) {
  p.wildcard_candidates.clear();
  const auto all = p.intentions.find(pack(star, star));
  const intentions::Compiled* everywhere = all == p.intentions.end() ? nullptr : &all->second;
  for (const auto& [k, entry] : p.intentions) {
    const Id ns = static_cast<Id>(k >> 32), name = static_cast<Id>(k & 0xffffffffU);
    if (name != star || ns == star) continue;
    Candidates& c = p.wildcard_candidates[ns];
    append(c, &entry);
    append(c, everywhere);
  }
  if (everywhere) append(p.wildcard_candidates[star], everywhere);
  std::vector<std::uint64_t> dests;
  for (const auto& [k, entry] : p.intentions) {
    if (static_cast<Id>(k & 0xffffffffU) != star) dests.push_back(k);
  }
  for (const std::uint64_t d : dests) rebuild_dest(p, d);
}

const Candidates* World::Impl::candidates(const Partition& p, Id ns, Id name) const {
  if (const std::uint32_t* at = p.dest_index.find(pack(ns, name))) return &p.dest_candidates[*at];
  auto it = p.wildcard_candidates.find(ns);
  if (it == p.wildcard_candidates.end()) it = p.wildcard_candidates.find(star);
  return it == p.wildcard_candidates.end() ? nullptr : &it->second;
}

void World::Impl::relink() {
  link_index.clear();
  link_list.clear();
  for (Partition& p : partitions) {
    for (auto& [name, r] : p.peerings) {
      r.connected = false;
      r.other_key.clear();
    }
  }
  for (Partition& dp : partitions) {
    for (auto& [dname, d] : dp.peerings) {
      if (!d.dialer || !d.live() || d.active_stream.empty()) continue;
      const auto ac = cluster_by_server_name.find(d.peer_server_name);
      if (ac == cluster_by_server_name.end()) continue;
      const Cluster& acl_cluster = clusters[ac->second];
      const auto ap_it =
          acl_cluster.partition_by_name.find(d.remote_partition.empty() ? "default" : d.remote_partition);
      if (ap_it == acl_cluster.partition_by_name.end()) continue;
      Partition& ap = partitions[ap_it->second];
      for (auto& [aname, a] : ap.peerings) {
        if (a.dialer || a.id != d.peer_id || !a.live() || a.active_stream != d.active_stream) continue;
        d.connected = a.connected = true;
        d.other_key = a.key;
        a.other_key = d.key;
        const Id a_name = names.intern(a.name), d_name = names.intern(d.name);
        // The first connected peering between two partitions carries their traffic.
        if (!link_index.find(pack(dp.global, ap.global))) {
          link_index.set(pack(dp.global, ap.global), static_cast<std::uint32_t>(link_list.size()));
          link_list.push_back(Link{a_name, d_name, a.key, d.key});
        }
        if (!link_index.find(pack(ap.global, dp.global))) {
          link_index.set(pack(ap.global, dp.global), static_cast<std::uint32_t>(link_list.size()));
          link_list.push_back(Link{d_name, a_name, d.key, a.key});
        }
        break;
      }
    }
  }
}

acl::Authorizer World::Impl::authorizer(const Partition& p, const TokenDecl* token) const {
  std::vector<acl::Rules> identities;
  std::vector<const acl::Rules*> parts;
  if (token) {
    identities.reserve(token->service_identities.size() + 1);
    for (const std::string& name : token->policies) {
      const auto it = p.policies.find(name);
      if (it != p.policies.end()) parts.push_back(&it->second);  // a link to a missing policy grants nothing
    }
    for (const std::string& s : token->service_identities) identities.push_back(acl::service_identity(s));
    if (token->mesh_gateway) identities.push_back(acl::mesh_gateway_identity());
    for (const acl::Rules& r : identities) parts.push_back(&r);
  }
  return acl::Authorizer(acl::merge(parts));
}

bool World::Impl::token_import_ok(const Partition& p, const TokenDecl* token) const {
  const Cluster& c = clusters[p.cluster];
  if (!c.acl_enabled) return true;
  const acl::Chain chain{true, c.acl_default_allow};
  const acl::Authorizer a = authorizer(p, token);
  return acl::resolve(chain, a.imported_service_read().decision) &&
         acl::resolve(chain, a.imported_node_read().decision);
}

void World::Impl::refresh_imports(Partition& p, std::string_view policy) {
  p.token_import_ok.resize(p.tokens.size());
  for (std::size_t i = 0; i < p.tokens.size(); ++i) {
    const TokenDecl& t = p.tokens[i];
    if (!policy.empty() && std::find(t.policies.begin(), t.policies.end(), policy) == t.policies.end()) continue;
    p.token_import_ok[i] = token_import_ok(p, &t);
  }
}

bool World::Impl::registered(const Partition& p, Id ns, Id name) const {
  const std::uint64_t k = pack(ns, name);
  return p.catalog.count(k) || p.chains.count(k);
}

std::vector<std::pair<Id, Id>> World::Impl::exported_to(const Partition& p, Id peer) const {
  std::set<std::pair<Id, Id>> out;
  if (!p.exports) return {};
  for (const exports::Service& s : p.exports->services) {
    if (std::find(s.peers.begin(), s.peers.end(), peer) == s.peers.end()) continue;
    if (s.name != star) {
      if (s.name != consul) out.emplace(s.ns, s.name);
      continue;
    }
    // `*`: every registered service of the namespace and every discovery chain.
    auto add = [&](std::uint64_t k) {
      const Id ns = static_cast<Id>(k >> 32), name = static_cast<Id>(k & 0xffffffffU);
      if (name != consul && (s.ns == star || s.ns == ns)) out.emplace(ns, name);
    };
    for (const std::uint64_t k : p.catalog) add(k);
    for (const auto& [k, bits] : p.chains) add(k);
  }
  std::vector<std::pair<Id, Id>> v(out.begin(), out.end());
  std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
    return std::tie(names.name(a.second), names.name(a.first)) < std::tie(names.name(b.second), names.name(b.first));
  });
  return v;
}

Json World::Impl::peering_view(const Partition& p, const PeeringRec& r) const {
  const Json& stored = resources.at(r.key);
  const Cluster& c = clusters[p.cluster];
  Json v = Json::object();
  v["ID"] = r.id;
  v["Name"] = r.name;
  if (c.enterprise) v["Partition"] = p.name;
  if (!text(stored, "DeletedAt").empty()) v["DeletedAt"] = stored["DeletedAt"];
  if (member(stored, "Meta").is_object() && !stored["Meta"].empty()) v["Meta"] = stored["Meta"];
  v["State"] = r.connected ? std::string("ACTIVE") : r.state;  // ACTIVE is what the stream tracker reports
  for (const char* k : {"PeerID", "PeerServerName"}) {
    if (!text(stored, k).empty()) v[k] = stored[k];
  }
  for (const char* k : {"PeerCAPems", "PeerServerAddresses"}) {
    if (member(stored, k).is_array() && !stored[k].empty()) v[k] = stored[k];
  }
  Json imported = Json::array(), exported = Json::array();
  if (r.connected) {
    const Id me = names.find(r.name);
    for (const auto& [ns, name] : exported_to(p, me)) exported.push_back(names.name(name));
    const std::size_t slash = r.other_key.find('/');
    const std::size_t slash2 = r.other_key.find('/', slash + 1);
    const Partition* other = partition_of(std::string_view(r.other_key).substr(0, slash),
                                          std::string_view(r.other_key).substr(slash + 1, slash2 - slash - 1));
    const std::size_t last = r.other_key.rfind('/');
    if (other) {
      for (const auto& [ns, name] : exported_to(*other, names.find(r.other_key.substr(last + 1)))) {
        imported.push_back(names.name(name));
      }
    }
  }
  v["StreamStatus"] = Json{{"ImportedServices", imported},
                           {"ExportedServices", exported},
                           {"LastHeartbeat", nullptr},
                           {"LastReceive", nullptr},
                           {"LastSend", nullptr}};
  v["CreateIndex"] = member(stored, "CreateIndex");
  v["ModifyIndex"] = member(stored, "ModifyIndex");
  v["Remote"] = Json{{"Partition", text(member(stored, "Remote"), "Partition")},
                     {"Datacenter", text(member(stored, "Remote"), "Datacenter")}};
  return v;
}

// --- World -----------------------------------------------------------------------

World::World(const Json& topology) : impl_(std::make_unique<Impl>(topology)) {}
World::~World() = default;
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;

void World::seed(std::uint64_t value) {
  impl_->rng.seed(value);
  impl_->logical_clock = true;
  impl_->clock_tick = 0;
}

Json World::to_state() const {
  Json resources = Json::object();
  for (const auto& [k, v] : impl_->resources) resources[k] = v;
  return Json{{"format_version", 1}, {"resources", std::move(resources)}};
}

void World::load_state(const Json& state) {
  if (!state.is_object()) throw Error("state: a state document is a JSON object");
  if (member(state, "format_version") != 1) throw Error("state: unsupported format_version (this runtime reads 1)");
  const Json& resources = member(state, "resources");
  if (!resources.is_object()) throw Error("state: 'resources' must be an object of resources by key");
  // Built aside and swapped in, so that a bad document leaves the world as it was.
  auto fresh = std::make_unique<Impl>(impl_->topology);
  fresh->rng = impl_->rng;
  fresh->logical_clock = impl_->logical_clock;
  fresh->clock_tick = impl_->clock_tick;
  for (auto it = resources.begin(); it != resources.end(); ++it) fresh->put(it.key(), it.value());
  impl_ = std::move(fresh);
}

Json World::resource(const std::string& key) const {
  const auto it = impl_->resources.find(key);
  return it == impl_->resources.end() ? Json() : it->second;
}

void World::put_resource(const std::string& key, const Json& value) { impl_->put(key, value); }

std::vector<std::string> World::keys() const {
  std::vector<std::string> out;
  out.reserve(impl_->resources.size());
  for (const auto& [k, v] : impl_->resources) out.push_back(k);
  return out;
}

Json World::snapshot() const {
  const Impl& w = *impl_;
  Json clusters = Json::object();
  for (const Cluster& c : w.clusters) {
    Json parts = Json::object();
    for (const std::uint32_t pi : c.partitions) {
      const Partition& p = w.partitions[pi];
      Json peerings = Json::array(), entries = Json::array(), policies = Json::array();
      for (const auto& [name, r] : p.peerings) peerings.push_back(w.peering_view(p, r));
      const std::string prefix = w.partition_prefix(p);
      for (auto it = w.resources.lower_bound(prefix); it != w.resources.end() && it->first.starts_with(prefix); ++it) {
        const std::string_view rest = std::string_view(it->first).substr(prefix.size());
        if (rest.starts_with("config/")) entries.push_back(it->second);
        if (rest.starts_with("acl-policy/")) policies.push_back(it->second);
      }
      parts[p.name] = Json{{"peerings", std::move(peerings)},
                           {"config_entries", std::move(entries)},
                           {"acl_policies", std::move(policies)}};
    }
    clusters[c.name] = Json{{"partitions", std::move(parts)}};
  }
  return Json{{"format_version", 1}, {"clusters", std::move(clusters)}};
}

Json World::imported(const std::string& cluster, const std::string& partition) const {
  const Impl& w = *impl_;
  const Partition* p = w.partition_of(cluster, partition);
  if (!p) throw Error("no partition " + cluster + "/" + partition + " in the topology");
  struct Row {
    std::string peer, service, ns;
  };
  std::vector<Row> rows;
  for (const auto& [name, r] : p->peerings) {
    if (!r.connected) continue;
    const std::size_t s1 = r.other_key.find('/'), s2 = r.other_key.find('/', s1 + 1);
    const Partition* other = w.partition_of(std::string_view(r.other_key).substr(0, s1),
                                            std::string_view(r.other_key).substr(s1 + 1, s2 - s1 - 1));
    if (!other) continue;
    const Id remote_name = w.names.find(r.other_key.substr(r.other_key.rfind('/') + 1));
    for (const auto& [ns, svc] : w.exported_to(*other, remote_name)) {
      rows.push_back({r.name, w.names.name(svc), w.names.name(ns)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.peer, a.service, a.ns) < std::tie(b.peer, b.service, b.ns);
  });
  Json out = Json::array();
  for (const Row& r : rows) out.push_back(Json{{"Peer", r.peer}, {"Service", r.service}, {"Namespace", r.ns}});
  return out;
}

Json World::exported(const std::string& cluster, const std::string& partition) const {
  const Impl& w = *impl_;
  const Partition* p = w.partition_of(cluster, partition);
  if (!p) throw Error("no partition " + cluster + "/" + partition + " in the topology");
  const Cluster& c = w.clusters[p->cluster];
  // (name, ns) -> consumers; wildcards expand to registered services only (§6.3).
  std::map<std::pair<std::string, std::string>, std::pair<std::set<std::string>, std::set<std::string>>> out;
  if (p->exports) {
    for (const exports::Service& s : p->exports->services) {
      std::vector<std::pair<Id, Id>> targets;
      if (s.name != w.star) {
        targets.emplace_back(s.ns, s.name);
      } else {
        for (const std::uint64_t k : p->catalog) {
          const Id ns = static_cast<Id>(k >> 32);
          if (s.ns == w.star || s.ns == ns) targets.emplace_back(ns, static_cast<Id>(k & 0xffffffffU));
        }
      }
      for (const auto& [ns, name] : targets) {
        if (name == w.consul) continue;
        auto& consumers = out[{w.names.name(name), w.names.name(ns)}];
        for (const Id peer : s.peers) consumers.first.insert(w.names.name(peer));
        for (const std::string& part : s.partitions) consumers.second.insert(part);
      }
    }
  }
  Json arr = Json::array();
  for (const auto& [key, consumers] : out) {
    Json row = Json::object();
    row["Service"] = key.first;
    if (c.enterprise) {
      row["Partition"] = p->name;
      row["Namespace"] = key.second;
    }
    Json cons = Json::object();
    if (!consumers.first.empty()) cons["Peers"] = consumers.first;
    if (c.enterprise && !consumers.second.empty()) cons["Partitions"] = consumers.second;  // CE never lists them
    row["Consumers"] = std::move(cons);
    arr.push_back(std::move(row));
  }
  return arr;
}

Json World::peerings(const std::string& cluster, const std::string& partition) const {
  const Impl& w = *impl_;
  const Partition* p = w.partition_of(cluster, partition);
  if (!p) throw Error("no partition " + cluster + "/" + partition + " in the topology");
  Json out = Json::array();
  for (const auto& [name, r] : p->peerings) out.push_back(w.peering_view(*p, r));
  return out;
}

}  // namespace entryc::runtime
