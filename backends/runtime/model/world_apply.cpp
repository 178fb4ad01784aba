// World::apply: plan operations as Consul's servers handle the requests they
// stand for (peering endpoints §5.3–5.7, PUT/DELETE /v1/config §1.10, ACL
// policy endpoints §4.8). A request Consul refuses is a Result, not a throw.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "config_entries.hpp"
#include "peering_token.hpp"
#include "world_impl.hpp"

namespace entryc::runtime {

namespace {

const Json& member(const Json& obj, const char* key) {
  static const Json null;
  if (!obj.is_object()) return null;
  const auto it = obj.find(key);
  return it == obj.end() ? null : *it;
}

std::string text(const Json& obj, const char* key) {
  const Json& v = member(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

void fail(Result& r, int status, std::string error) {
  r.status = status;
  r.error = std::move(error);
}

bool http_like(std::string_view protocol) { return protocol == "http" || protocol == "http2" || protocol == "grpc"; }

// A string field of a strict-JSON request body (encoding/json into the API
// struct): the Go error for a value of the wrong type, or "".
std::string body_string(const Json& body, const char* key, std::string_view go_struct, std::string& out) {
  const Json& v = member(body, key);
  if (v.is_null()) return {};
  if (!v.is_string()) {
    return fmt::format("Body decoding failed: json: cannot unmarshal {} into Go struct field {}.{} of type string",
                       json_kind(v), go_struct, key);
  }
  out = v.get<std::string>();
  return {};
}

Json without_indexes(Json entry) {
  entry.erase("CreateIndex");
  entry.erase("ModifyIndex");
  return entry;
}

}  // namespace

Result World::apply(const Json& op) { return impl_->apply(op); }

void World::Impl::write(Result& r, const std::string& key, Json value) {
  put(key, std::move(value));
  if (std::find(r.touched.begin(), r.touched.end(), key) == r.touched.end()) r.touched.push_back(key);
}

std::uint64_t World::Impl::bump(Cluster& c, Result& r) {
  write(r, cluster_key(c), Json{{"Index", c.index + 1}, {"TrustDomain", c.trust_domain}});
  return c.index;
}

Result World::Impl::apply(const Json& op) {
  if (!op.is_object()) throw Error("operation: not a JSON object");
  const std::string type = text(op, "type");
  const std::string cluster = text(op, "cluster");
  std::string partition = text(op, "partition");
  if (partition.empty()) partition = "default";
  const auto ci = cluster_by_name.find(cluster);
  if (ci == cluster_by_name.end()) throw Error("operation: no cluster '" + cluster + "' in the topology");
  Cluster& c = clusters[ci->second];
  const auto pi = c.partition_by_name.find(partition);
  if (pi == c.partition_by_name.end()) {
    throw Error("operation: no partition '" + partition + "' in cluster '" + cluster + "'");
  }
  Partition& p = partitions[pi->second];

  Result r;
  // The leader removes a peering marked for deletion once its imported data
  // is gone; here that happens before the next operation runs.
  const std::vector<std::string> reap(deleting.begin(), deleting.end());
  for (const std::string& key : reap) write(r, key, Json());

  const Json& body = member(op, "body");
  if (type == "peering.generate-token") {
    generate_token(c, p, body, r);
  } else if (type == "peering.establish") {
    establish(c, p, body, r);
  } else if (type == "peering.delete") {
    delete_peering(c, p, op, r);
  } else if (type == "config.write") {
    config_write(c, p, op, r);
  } else if (type == "config.delete") {
    config_delete(c, p, op, r);
  } else if (type == "acl.policy.write") {
    policy_write(c, p, op, r);
  } else if (type == "acl.policy.delete") {
    policy_delete(c, p, op, r);
  } else {
    throw Error("operation: unknown type '" + type + "'");
  }
  return r;
}

// --- peerings --------------------------------------------------------------------

void World::Impl::generate_token(Cluster& c, Partition& p, const Json& body, Result& r) {
  if (!body.is_object()) return fail(r, 400, "The peering arguments must be provided in the body");
  std::string name, partition;
  if (std::string e = body_string(body, "PeerName", "PeeringGenerateTokenRequest", name); !e.empty())
    return fail(r, 400, e);
  if (std::string e = body_string(body, "Partition", "PeeringGenerateTokenRequest", partition); !e.empty()) {
    return fail(r, 400, e);
  }
  if (name.empty()) return fail(r, 400, "PeerName is required in the payload when generating a new peering token.");
  // Errors from here on come back from the gRPC call: HTTP 500.
  if (!c.enterprise && !partition.empty() && lower(partition) != "default") {
    return fail(r, 500, "Partitions are a Consul Enterprise feature");
  }
  if (std::string e = token::peer_name_error(name); !e.empty()) return fail(r, 500, e);
  const Json& meta = member(body, "Meta");
  if (std::string e = token::meta_error(meta); !e.empty()) return fail(r, 500, e);
  const auto existing = p.peerings.find(name);
  if (existing != p.peerings.end() && existing->second.dialer) {
    return fail(
        r, 500,
        fmt::format("cannot create peering with name: {}; there is already an established peering", go_quote(name)));
  }
  if (existing != p.peerings.end() && existing->second.state == kDeleting) {
    return fail(r, 500, "failed to write peering: cannot write to peering that is marked for deletion");
  }
  // A new establishment secret on every call; it replaces an unused older
  // one. Stream secrets stay, so an ACTIVE peering is not disturbed.
  const std::string secret = rng.uuid_v4();
  const std::uint64_t idx = bump(c, r);
  const std::string key = partition_prefix(p) + "peering/" + name;
  Json rec;
  if (existing != p.peerings.end()) {
    rec = resources.at(key);
  } else {
    rec = Json{{"ID", rng.uuid_v4()},    {"Name", name},       {"Partition", p.name},
               {"Meta", Json::object()}, {"State", "PENDING"}, {"Remote", Json{{"Partition", ""}, {"Datacenter", ""}}},
               {"CreateIndex", idx}};
  }
  rec["Meta"] = meta.is_object() ? meta : Json::object();
  rec["ModifyIndex"] = idx;
  Json secrets = member(rec, "Secrets").is_object() ? rec["Secrets"] : Json::object();
  secrets["Establishment"] = secret;
  rec["Secrets"] = std::move(secrets);
  const std::string id = rec["ID"].get<std::string>();
  write(r, key, std::move(rec));

  token::Token t;
  t.ca = {token::fake_ca_pem(c.trust_domain)};
  const Json& manual = member(body, "ServerExternalAddresses");
  if (manual.is_array()) {
    std::vector<std::string> addrs;
    for (const Json& a : manual) {
      if (a.is_string()) addrs.push_back(a.get<std::string>());
    }
    t.manual_server_addresses = std::move(addrs);
  }
  t.server_addresses = {fmt::format("{}.server.{}.consul:8503", c.name, c.datacenter)};
  t.server_name = c.server_name;
  t.peer_id = id;
  t.establishment_secret = secret;
  t.remote_partition = p.name;
  t.remote_datacenter = c.datacenter;
  r.outputs = Json{{"PeeringToken", token::encode(t)}};
}

const PeeringRec* World::Impl::find_by_id(const Cluster& c, std::string_view id, Partition** where) {
  for (const std::uint32_t pi : c.partitions) {
    for (const auto& [name, rec] : partitions[pi].peerings) {
      if (rec.id == id) {
        *where = &partitions[pi];
        return &rec;
      }
    }
  }
  return nullptr;
}

void World::Impl::establish(Cluster& c, Partition& p, const Json& body, Result& r) {
  if (!body.is_object()) return fail(r, 400, "The peering arguments must be provided in the body");
  std::string name, token_text;
  if (std::string e = body_string(body, "PeerName", "PeeringEstablishRequest", name); !e.empty())
    return fail(r, 400, e);
  if (std::string e = body_string(body, "PeeringToken", "PeeringEstablishRequest", token_text); !e.empty()) {
    return fail(r, 400, e);
  }
  if (name.empty()) return fail(r, 400, "PeerName is required in the payload when establishing a peering.");
  if (token_text.empty()) return fail(r, 400, "PeeringToken is required in the payload when establishing a peering.");
  if (std::string e = token::peer_name_error(name); !e.empty()) return fail(r, 500, e);
  token::Token tok;
  if (std::string e = token::decode(token_text, tok); !e.empty()) return fail(r, 500, e);
  if (std::string e = token::validate(tok); !e.empty()) return fail(r, 500, e);
  const Json& meta = member(body, "Meta");
  if (std::string e = token::meta_error(meta); !e.empty()) return fail(r, 500, e);
  if (tok.server_name == c.server_name) {
    return fail(r, 500,
                fmt::format("cannot create a peering within the same cluster {}. Refer to the `exported-services` "
                            "documentation if you want to export between partitions without peering",
                            go_quote(c.server_name)));
  }
  const auto existing = p.peerings.find(name);
  if (existing != p.peerings.end() && !existing->second.dialer) {
    return fail(r, 500,
                fmt::format("cannot create peering with name: {}; there is an existing peering expecting to be dialed",
                            go_quote(name)));
  }
  if (existing != p.peerings.end() && existing->second.state == kDeleting) {
    return fail(r, 500, "failed to write peering: cannot write to peering that is marked for deletion");
  }

  // The dialer's record is written before the secret exchange, so a failed
  // exchange leaves it PENDING (a re-establish keeps its ID and state).
  const std::string key = partition_prefix(p) + "peering/" + name;
  const std::uint64_t idx = bump(c, r);
  Json rec;
  if (existing != p.peerings.end()) {
    rec = resources.at(key);
  } else {
    rec =
        Json{{"ID", rng.uuid_v4()}, {"Name", name}, {"Partition", p.name}, {"State", "PENDING"}, {"CreateIndex", idx}};
  }
  rec["Meta"] = meta.is_object() ? meta : Json::object();
  rec["PeerID"] = tok.peer_id;
  rec["PeerCAPems"] = tok.ca;
  rec["PeerServerName"] = tok.server_name;
  rec["ManualServerAddresses"] = tok.manual_server_addresses ? Json(*tok.manual_server_addresses) : Json(nullptr);
  // A connected stream keeps the addresses it learnt; otherwise the token's.
  const bool connected = existing != p.peerings.end() && existing->second.connected;
  if (!connected) rec["PeerServerAddresses"] = tok.server_addresses;
  rec["Remote"] = Json{{"Partition", tok.remote_partition}, {"Datacenter", tok.remote_datacenter}};
  rec["ModifyIndex"] = idx;
  write(r, key, rec);

  // The secret exchange, answered by whichever cluster of the world has that
  // server name (the acceptor looks the peering up by its ID).
  const auto ac = cluster_by_server_name.find(tok.server_name);
  if (ac == cluster_by_server_name.end()) {
    std::vector<std::string> errors;
    // Manual addresses are dialed first when the token has them.
    const Json& dial = !member(rec, "ManualServerAddresses").empty() && rec["ManualServerAddresses"].is_array()
                           ? rec["ManualServerAddresses"]
                           : rec["PeerServerAddresses"];
    for (const Json& a : dial) {
      errors.push_back(fmt::format(
          "failed to exchange peering secret through address {}: rpc error: code = Unavailable desc = no cluster of "
          "this world serves {}",
          go_quote(a.get<std::string>()), go_quote(tok.server_name)));
    }
    return fail(r, 500, multierror(errors));
  }
  Cluster& acceptor_cluster = clusters[ac->second];
  Partition* ap = nullptr;
  const PeeringRec* a = find_by_id(acceptor_cluster, tok.peer_id, &ap);
  if (!a || a->dialer || a->establishment.empty() || a->establishment != tok.establishment_secret) {
    return fail(r, 403, "a new peering token must be generated: invalid peering establishment secret");
  }
  // Success: the establishment secret is consumed, the acceptor's pending
  // stream secret is promoted as soon as the dialer opens the stream (right
  // away here), and the acceptor learns who dialed it.
  const std::string stream = rng.uuid_v4();
  const std::string akey = a->key;
  Json arec = resources.at(akey);
  arec["Secrets"] = Json{{"ActiveStream", stream}};
  arec["Remote"] = Json{{"Partition", p.name}, {"Datacenter", c.datacenter}};
  arec["ModifyIndex"] = bump(acceptor_cluster, r);
  write(r, akey, std::move(arec));
  rec["State"] = "ESTABLISHING";
  rec["Secrets"] = Json{{"ActiveStream", stream}};
  rec["ModifyIndex"] = bump(c, r);
  write(r, key, std::move(rec));
}

void World::Impl::delete_peering(Cluster& c, Partition& p, const Json& op, Result& r) {
  std::string name = text(member(op, "body"), "PeerName");
  if (name.empty()) name = text(op, "target");
  name = lower(name);  // read and delete look the name up lower-cased
  const auto it = p.peerings.find(name);
  if (it == p.peerings.end() || it->second.state == kDeleting) return;  // nothing to do: success
  const std::string key = it->second.key;
  const std::string other = it->second.connected ? it->second.other_key : std::string();
  // The stream carries a termination message: the other side keeps its
  // record as TERMINATED, without secrets.
  if (!other.empty()) {
    const ParsedKey ok = parse_key(other);
    Json orec = resources.at(other);
    orec["State"] = std::string(kTerminated);
    orec.erase("Secrets");
    orec["ModifyIndex"] = bump(clusters[ok.cluster_index], r);
    write(r, other, std::move(orec));
  }
  Json rec = resources.at(key);
  rec["State"] = std::string(kDeleting);
  rec["DeletedAt"] = now();
  rec.erase("Secrets");
  rec["ModifyIndex"] = bump(c, r);
  write(r, key, std::move(rec));
}

// --- config entries -------------------------------------------------------------

bool World::Impl::speaks_http(const Partition& p, Id service) const {
  const auto it = p.protocols.find(service);
  const std::string& protocol = it != p.protocols.end() && !it->second.empty() ? it->second : p.proxy_protocol;
  return http_like(protocol);
}

std::string World::Impl::protocol_of(const Partition& p, Id service) const {
  const auto it = p.protocols.find(service);
  if (it != p.protocols.end() && !it->second.empty()) return it->second;
  return p.proxy_protocol.empty() ? "tcp" : p.proxy_protocol;
}

namespace {

// The CAS index of an operation: nullopt without one; Consul's strconv text
// for one that is not a number.
std::optional<std::uint64_t> cas_index(const Json& op, std::string& error) {
  const Json& v = member(op, "cas");
  if (v.is_null()) return std::nullopt;
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
  const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return n;
  error = fmt::format("strconv.ParseUint: parsing {}: invalid syntax", go_quote(s));
  return std::nullopt;
}

bool has_l7(const intentions::Compiled& c) {
  return std::any_of(c.sources.begin(), c.sources.end(),
                     [](const intentions::Source& s) { return !s.permissions.empty(); });
}

std::string l7_protocol_error(std::string_view service, std::string_view protocol) {
  return fmt::format("service {} has protocol {}, which is incompatible with L7 intentions permissions",
                     go_quote(service), go_quote(protocol));
}

}  // namespace

void World::Impl::config_write(Cluster& c, Partition& p, const Json& op, Result& r) {
  const Json& body = member(op, "body");
  std::string kind;
  if (std::string e = config::kind_error(body, kind); !e.empty()) return fail(r, 400, "Request decoding failed: " + e);
  if (!config::known_kind(kind, c.enterprise)) {
    return fail(r, 400, "Request decoding failed: invalid config entry kind: " + kind);
  }
  Json entry;
  std::optional<config::Rejection> rejected;
  if (kind == "service-intentions") {
    rejected = intentions::normalize(body, c.enterprise, entry);
  } else if (kind == "exported-services") {
    rejected = exports::normalize(body, c.enterprise, p.name, entry);
  } else {
    // Kinds the runtime only stores: the body as sent, with the server's Kind.
    entry = Json::object();
    entry["Kind"] = kind;
    for (auto it = body.begin(); it != body.end(); ++it) {
      if (it.key() == "Kind" || it.key() == "kind" || it.key() == "CreateIndex" || it.key() == "ModifyIndex") continue;
      entry[it.key()] = it.value();
    }
    if (kind == "mesh") {
      entry["Name"] = "mesh";
    } else if (kind == "proxy-defaults" && text(entry, "Name") != "global") {
      rejected = config::Rejection{
          500, fmt::format("invalid name ({}), only \"global\" is supported", go_quote(text(entry, "Name")))};
    } else if (text(entry, "Name").empty()) {
      rejected = config::Rejection{500, "Name is required"};
    }
  }
  if (rejected) return fail(r, rejected->status, rejected->text);

  const std::string name = text(entry, "Name");
  const std::string ns = text(entry, "Namespace").empty() ? std::string("default") : text(entry, "Namespace");
  const std::string key = partition_prefix(p) + "config/" + kind + "/" + ns + "/" + name;
  const auto existing = resources.find(key);
  // An identical entry is not written again, and the answer is true even
  // for a CAS write whose index is stale (§1.10.8).
  if (existing != resources.end() && without_indexes(existing->second) == entry) {
    r.outputs = Json{{"Result", true}};
    return;
  }
  std::string cas_error;
  const std::optional<std::uint64_t> cas = cas_index(op, cas_error);
  if (!cas_error.empty()) return fail(r, 500, cas_error);
  if (cas) {
    const bool exists = existing != resources.end();
    const bool ok = *cas == 0 ? !exists : exists && member(existing->second, "ModifyIndex") == *cas;
    if (!ok) {
      r.outputs = Json{{"Result", false}};
      return fail(r, 409,
                  fmt::format("Config entry not updated: {}/{} (check-and-set with index {} did not match: Consul "
                              "answers 200 with the body false)",
                              kind, name, *cas));
    }
  }
  // The state store's graph checks: L7 intentions need an HTTP-like protocol.
  const Id name_id = names.intern(name);
  if (kind == "service-intentions" && name != "*") {
    const intentions::Compiled compiled = intentions::compile(entry, p.name, c.enterprise, names);
    const std::string protocol = protocol_of(p, name_id);
    if (has_l7(compiled) && !http_like(protocol)) return fail(r, 500, l7_protocol_error(name, protocol));
  } else if (kind == "service-defaults") {
    std::string protocol = lower(text(entry, "Protocol"));
    if (protocol.empty()) protocol = p.proxy_protocol.empty() ? "tcp" : p.proxy_protocol;
    const auto it = p.intentions.find(pack(names.intern(ns), name_id));
    if (it != p.intentions.end() && has_l7(it->second) && !http_like(protocol)) {
      return fail(r, 500, l7_protocol_error(name, protocol));
    }
  } else if (kind == "proxy-defaults") {
    std::string protocol = lower(text(member(entry, "Config"), "protocol"));
    if (protocol.empty()) protocol = "tcp";
    std::vector<std::string> broken;
    for (const auto& [k, compiled] : p.intentions) {
      const Id svc = static_cast<Id>(k & 0xffffffffU);
      const auto own = p.protocols.find(svc);
      if (svc != star && has_l7(compiled) && (own == p.protocols.end() || own->second.empty()) &&
          !http_like(protocol)) {
        broken.push_back(names.name(svc));
      }
    }
    if (!broken.empty()) {
      std::sort(broken.begin(), broken.end());
      return fail(r, 500, l7_protocol_error(broken.front(), protocol));
    }
  }
  const std::uint64_t idx = bump(c, r);
  entry["CreateIndex"] = existing != resources.end() ? existing->second["CreateIndex"] : Json(idx);
  entry["ModifyIndex"] = idx;
  write(r, key, std::move(entry));
  r.outputs = Json{{"Result", true}};
}

void World::Impl::config_delete(Cluster& c, Partition& p, const Json& op, Result& r) {
  const Json& body = member(op, "body");
  std::string kind = text(body, "Kind"), name = text(body, "Name");
  const std::string target = text(op, "target");
  if (kind.empty() && name.empty() && !target.empty()) {
    const std::size_t slash = target.find('/');
    kind = target.substr(0, slash);
    name = slash == std::string::npos ? std::string() : target.substr(slash + 1);
  }
  if (kind.empty() || name.empty()) return fail(r, 404, "Must provide both a kind and name to delete");
  if (!config::known_kind(kind, c.enterprise)) return fail(r, 400, "invalid config entry kind: " + kind);
  const std::string ns = text(body, "Namespace").empty() ? std::string("default") : text(body, "Namespace");
  const std::string key = partition_prefix(p) + "config/" + kind + "/" + ns + "/" + name;
  const auto existing = resources.find(key);
  std::string cas_error;
  const std::optional<std::uint64_t> cas = cas_index(op, cas_error);
  if (!cas_error.empty()) return fail(r, 500, cas_error);
  if (cas && (existing == resources.end() || member(existing->second, "ModifyIndex") != *cas)) {
    r.outputs = Json{{"Result", false}};
    return fail(r, 409,
                fmt::format("Config entry not deleted: {}/{} (check-and-set with index {} did not match: Consul "
                            "answers 200 with the body false)",
                            kind, name, *cas));
  }
  if (existing == resources.end()) return;  // deleting a missing entry succeeds
  bump(c, r);
  write(r, key, Json());
  if (cas) r.outputs = Json{{"Result", true}};
}

// --- ACL policies ---------------------------------------------------------------

void World::Impl::policy_write(Cluster& c, Partition& p, const Json& op, Result& r) {
  if (!c.acl_enabled) return fail(r, 401, "ACL support disabled");
  const Json& body = member(op, "body");
  if (!body.is_object()) return fail(r, 400, "Policy decoding failed: EOF");
  std::string name = text(body, "Name");
  if (!body.contains("Name")) name = text(op, "target");
  if (std::string e = acl::validate_policy_name(name); !e.empty()) return fail(r, 500, e);
  const std::string rules = text(body, "Rules");
  acl::Parsed parsed = acl::parse_rules(rules);
  if (!parsed.error.empty()) return fail(r, 500, parsed.error);
  const std::string key = partition_prefix(p) + "acl-policy/" + name;
  const auto existing = resources.find(key);
  const std::uint64_t idx = bump(c, r);
  Json rec = Json::object();
  rec["ID"] = existing != resources.end() ? existing->second["ID"] : Json(rng.uuid_v4());
  rec["Name"] = name;
  rec["Description"] = text(body, "Description");
  rec["Rules"] = rules;
  rec["CreateIndex"] = existing != resources.end() ? existing->second["CreateIndex"] : Json(idx);
  rec["ModifyIndex"] = idx;
  r.outputs = rec;
  write(r, key, std::move(rec));
}

void World::Impl::policy_delete(Cluster& c, Partition& p, const Json& op, Result& r) {
  if (!c.acl_enabled) return fail(r, 401, "ACL support disabled");
  std::string name = text(op, "target");
  if (name.empty()) name = text(member(op, "body"), "Name");
  const std::string key = partition_prefix(p) + "acl-policy/" + name;
  if (!resources.count(key)) return fail(r, 404, "Cannot find policy to delete");
  bump(c, r);
  write(r, key, Json());
}

}  // namespace entryc::runtime
