#include "api.hpp"

#include <algorithm>

#include "config_entries.hpp"

namespace entryc::serve {

using runtime::Result;

struct Api::Ctx {
  const HttpRequest& req;
  const ClusterInfo& cluster;
  std::string partition = "default";
  std::string ns;  // empty: not given
};

namespace {

HttpResponse text(int status, std::string body) { return {status, std::move(body), "text/plain; charset=utf-8", ""}; }
HttpResponse json(const Json& j) { return {200, j.dump(), "application/json", ""}; }

// What Go's json.Decoder says about `body` (consul-semantics §5.8: "Body
// decoding failed: EOF"); empty when it parses. An approximation: Go's
// texts depend on the parser's state, this names the first bad byte.
std::string decode_error(const std::string& body, Json& out) {
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "EOF";
  // Nesting deeper than any entry would be: refuse before parsing.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = first; i < body.size(); ++i) {
    const char ch = body[i];
    if (in_string) {
      if (ch == '\\')
        ++i;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '{' || ch == '[') {
      if (++depth > 64) return "exceeded max depth";
    } else if (ch == '}' || ch == ']') {
      --depth;
    }
  }
  try {
    out = Json::parse(body);
    return "";
  } catch (const Json::parse_error& e) {
    const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    if (at >= body.size()) return "unexpected EOF";
    const unsigned char ch = static_cast<unsigned char>(body[at]);
    char buf[64];
    if (ch >= 0x20 && ch < 0x7f && ch != '\'') {
      std::snprintf(buf, sizeof buf, "invalid character '%c' looking for beginning of value", ch);
    } else {
      std::snprintf(buf, sizeof buf, "invalid character '\\x%02x' looking for beginning of value", ch);
    }
    return buf;
  } catch (const Json::out_of_range& e) {
    // A number beyond float64 ("1e999"): Go's decoder says it cannot store it.
    const std::string what = e.what();
    const std::size_t q1 = what.find('\''), q2 = what.rfind('\'');
    const std::string number = q1 != std::string::npos && q2 > q1 ? what.substr(q1 + 1, q2 - q1 - 1) : "";
    return "json: cannot unmarshal number " + number + " into Go value of type float64";
  }
}

bool same_secret(std::string_view given, std::string_view want) {
  unsigned char diff = given.size() == want.size() ? 0 : 1;
  for (std::size_t i = 0; i < want.size(); ++i) {
    diff |= static_cast<unsigned char>(want[i] ^ (i < given.size() ? given[i] : 0));
  }
  return diff == 0;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

}  // namespace

Api::Api(const Json& topology, runtime::World& world, runtime::Store* store, std::vector<std::string> clusters,
         std::string token)
    : world_(world), store_(store), token_(std::move(token)) {
  for (const std::string& name : clusters) {
    ClusterInfo info;
    info.name = name;
    for (const Json& c : topology.value("clusters", Json::array())) {
      if (c.value("name", "") != name) continue;
      info.enterprise = lower(c.value("edition", "ce")) != "ce";
      const Json acl = c.value("acl", Json::object());
      info.acl_enabled = acl.value("enabled", false);
      info.default_policy = acl.value("default_policy", "allow");
    }
    clusters_.push_back(info);
  }
  route("POST", "/v1/peering/token", "peering:write", &Api::peering_token);
  route("POST", "/v1/peering/establish", "peering:write", &Api::peering_establish);
  route("GET", "/v1/peerings", "peering:read", &Api::peering_list);
  route("GET", "/v1/peering/", "peering:read", &Api::peering_read);
  route("DELETE", "/v1/peering/", "peering:write", &Api::peering_delete);
  route("PUT", "/v1/config", nullptr, &Api::config_put);
  route("GET", "/v1/config/", nullptr, &Api::config_get);
  route("DELETE", "/v1/config/", nullptr, &Api::config_delete);
  route("GET", "/v1/exported-services", "mesh:read", &Api::exported_services);
  route("GET", "/v1/connect/intentions/check", nullptr, &Api::intention_check);
  route("GET", "/v1/connect/intentions/match", "intention:read", &Api::intention_match);
  route("GET", "/v1/entryc/decide", "service:read", &Api::decide);
  route("PUT", "/v1/acl/policy", "acl:write", &Api::policy_create);
  route("PUT", "/v1/acl/policy/", "acl:write", &Api::policy_update);
  route("GET", "/v1/acl/policy/", "acl:read", &Api::policy_read);
  route("GET", "/v1/acl/policy/name/", "acl:read", &Api::policy_read_name);
  route("DELETE", "/v1/acl/policy/", "acl:write", &Api::policy_delete);
  route("GET", "/v1/acl/policies", "acl:read", &Api::policy_list);
}

// Every route: the cluster, the partition and namespace parameters (CE
// refuses them, §1.10.1), the token, then the handler. Errors the World
// throws (an unknown partition) are 400s.
void Api::route(const char* method, const char* path, const char* perm, Fn fn) {
  const std::string permission = perm ? perm : "";
  router_.add(method, path, [this, permission, fn](const HttpRequest& req, const std::string& rest) {
    Ctx c{req, clusters_.at(req.listener), "default", ""};
    const std::string* partition = req.param("partition");
    const std::string* ns = req.param("ns");
    if (!partition) partition = req.header("X-Consul-Partition");
    if (!ns) ns = req.header("X-Consul-Namespace");
    if (!c.cluster.enterprise) {
      // Consul CE refuses any non-empty Enterprise scope, naming where it was given.
      struct Scope {
        const char* where;
        const std::string* value;
        const char* feature;
      };
      const Scope scopes[] = {{"query parameter: \"partition\"", req.param("partition"), "Partitions"},
                              {"query parameter: \"ns\"", req.param("ns"), "Namespaces"},
                              {"header: \"X-Consul-Partition\"", req.header("X-Consul-Partition"), "Partitions"},
                              {"header: \"X-Consul-Namespace\"", req.header("X-Consul-Namespace"), "Namespaces"}};
      for (const Scope& scope : scopes) {
        if (scope.value && !scope.value->empty()) {
          return text(
              400, std::string("Invalid ") + scope.where + " - " + scope.feature + " are a Consul Enterprise feature");
        }
      }
    } else {
      if (partition && !partition->empty()) c.partition = *partition;
      if (ns) c.ns = *ns;
    }
    if (!permission.empty()) {
      if (auto denied = authorize(c, permission)) return *denied;
    }
    try {
      return (this->*fn)(c, rest);
    } catch (const runtime::Error& e) {
      return text(400, e.what());
    }
  });
}

std::optional<HttpResponse> Api::authorize(const Ctx& c, const std::string& perm, const std::string& on) const {
  if (!c.cluster.acl_enabled) return std::nullopt;
  std::string token;
  if (const std::string* t = c.req.header("X-Consul-Token")) {
    token = *t;
  } else if (const std::string* a = c.req.header("Authorization")) {
    if (lower(a->substr(0, 7)) == "bearer ") token = a->substr(7);
  } else if (const std::string* q = c.req.param("token")) {
    token = *q;
  }
  if (token.empty()) {
    // The anonymous token: the default policy decides, and never grants acl:*.
    if (c.cluster.default_policy == "allow" && !starts_with(perm, "acl:")) return std::nullopt;
    return text(403, "Permission denied: anonymous token lacks permission '" + perm + "'" +
                         (on.empty() ? "" : " on \"" + on + "\"") +
                         ". The anonymous token is used implicitly when a request does not specify a token.");
  }
  if (token_.empty() || !same_secret(token, token_)) return text(403, "ACL not found");
  return std::nullopt;
}

// Runs one operation on the World, records what it changed, and answers
// with the Result's status and text (a failed CAS is Consul's 200 `false`).
HttpResponse Api::apply(const Json& op, Ctx& c) const {
  Json full = op;
  full["cluster"] = c.cluster.name;
  full["partition"] = c.partition;
  const Result r = world_.apply(full);
  if (store_) {
    try {
      store_->record(world_, r.touched);
      if (++writes_since_compact_ >= 1000) {
        store_->compact(world_);
        writes_since_compact_ = 0;
      }
    } catch (const std::exception& e) {
      return text(500, std::string("entryc serve: could not record the state: ") + e.what());
    }
  }
  if (r.status == 409) return {200, "false", "application/json", ""};
  if (r.status != 200) return text(r.status, r.error);
  return json(r.outputs);
}

// --- peerings
// -------------------------------------------------------------------------

HttpResponse Api::peering_token(Ctx& c, const std::string&) const {
  Json body;
  if (std::string e = decode_error(c.req.body, body); !e.empty()) return text(400, "Body decoding failed: " + e);
  if (body.is_object() && body.contains("Partition") && body["Partition"].is_string() &&
      !body["Partition"].get<std::string>().empty())
    c.partition = body["Partition"].get<std::string>();
  if (!c.cluster.enterprise) c.partition = "default";
  const std::string peer = body.is_object() && body.contains("PeerName") && body["PeerName"].is_string()
                               ? body["PeerName"].get<std::string>()
                               : "";
  return apply({{"type", "peering.generate-token"}, {"target", peer}, {"body", body}}, c);
}

HttpResponse Api::peering_establish(Ctx& c, const std::string&) const {
  Json body;
  if (std::string e = decode_error(c.req.body, body); !e.empty()) return text(400, "Body decoding failed: " + e);
  const std::string peer = body.is_object() && body.contains("PeerName") && body["PeerName"].is_string()
                               ? body["PeerName"].get<std::string>()
                               : "";
  HttpResponse r = apply({{"type", "peering.establish"}, {"target", peer}, {"body", body}}, c);
  if (r.status == 200) r.body = "{}";
  return r;
}

HttpResponse Api::peering_list(Ctx& c, const std::string&) const {
  return json(world_.peerings(c.cluster.name, c.partition));
}

HttpResponse Api::peering_read(Ctx& c, const std::string& rest) const {
  if (rest.empty()) return text(400, "Must specify a name to fetch.");
  const std::string name = lower(rest);
  for (const Json& p : world_.peerings(c.cluster.name, c.partition)) {
    if (p.value("Name", "") == name) return json(p);
  }
  return text(404, "Peering not found for \"" + rest + "\"");
}

HttpResponse Api::peering_delete(Ctx& c, const std::string& rest) const {
  if (rest.empty()) return text(400, "Must specify a name to delete.");
  HttpResponse r =
      apply({{"type", "peering.delete"}, {"target", lower(rest)}, {"body", {{"PeerName", lower(rest)}}}}, c);
  if (r.status == 200) r.body.clear();
  return r;
}

// --- config entries
// -----------------------------------------------------------------------

namespace {

// The permission a config entry of `kind` needs (§4.7), and the resource it
// names.
std::pair<std::string, std::string> entry_permission(const std::string& kind, const std::string& name, bool write) {
  const std::string level = write ? "write" : "read";
  if (kind == "service-intentions") return {"intention:" + level, name};
  if (kind == "exported-services") return {"mesh:" + level, ""};
  if (kind == "service-defaults" || kind == "service-router" || kind == "service-splitter" ||
      kind == "service-resolver")
    return {"service:" + level, name};
  return {write ? "operator:write" : "operator:read", ""};
}

}  // namespace

HttpResponse Api::config_put(Ctx& c, const std::string&) const {
  Json body;
  if (std::string e = decode_error(c.req.body, body); !e.empty()) return text(400, "Request decoding failed: " + e);
  const std::string kind = body.contains("Kind") && body["Kind"].is_string() ? body["Kind"].get<std::string>() : "";
  const std::string name = body.contains("Name") && body["Name"].is_string() ? body["Name"].get<std::string>() : "";
  const auto perm = entry_permission(kind, name, true);
  if (auto denied = authorize(c, perm.first, perm.second)) return *denied;
  if (body.is_object() && !c.ns.empty() && !body.contains("Namespace")) body["Namespace"] = c.ns;
  Json op = {{"type", "config.write"}, {"target", kind + "/" + name}, {"body", body}};
  if (const std::string* cas = c.req.param("cas")) op["cas"] = *cas;
  HttpResponse r = apply(op, c);
  if (r.status == 200 && r.body != "false") r.body = "true";
  return r;
}

HttpResponse Api::config_get(Ctx& c, const std::string& rest) const {
  const std::size_t slash = rest.find('/');
  const std::string kind = rest.substr(0, slash);
  const std::string name = slash == std::string::npos ? "" : rest.substr(slash + 1);
  const auto perm = entry_permission(kind, name, false);
  if (auto denied = authorize(c, perm.first, perm.second)) return *denied;
  if (kind.empty() || !runtime::config::known_kind(kind, c.cluster.enterprise))
    return text(500, "invalid config entry kind: " + kind);
  const std::string ns = c.ns.empty() ? "default" : c.ns;
  const std::string prefix = c.cluster.name + "/" + c.partition + "/config/" + kind + "/";
  if (name.empty()) {
    Json list = Json::array();
    // `ns=*` (Enterprise): every namespace of the partition.
    for (const std::string& key : world_.keys()) {
      if (starts_with(key, ns == "*" ? prefix : prefix + ns + "/")) list.push_back(world_.resource(key));
    }
    return json(list);
  }
  const Json entry = world_.resource(prefix + ns + "/" + name);
  if (entry.is_null()) return text(404, "Config entry not found for \"" + kind + "\" / \"" + name + "\"");
  return json(entry);
}

HttpResponse Api::config_delete(Ctx& c, const std::string& rest) const {
  const std::size_t slash = rest.find('/');
  const std::string kind = rest.substr(0, slash);
  const std::string name = slash == std::string::npos ? "" : rest.substr(slash + 1);
  const auto perm = entry_permission(kind, name, true);
  if (auto denied = authorize(c, perm.first, perm.second)) return *denied;
  Json op = {{"type", "config.delete"}, {"target", kind + "/" + name}};
  if (!c.ns.empty()) op["body"] = {{"Kind", kind}, {"Name", name}, {"Namespace", c.ns}};
  const std::string* cas = c.req.param("cas");
  if (cas) op["cas"] = *cas;
  HttpResponse r = apply(op, c);
  if (r.status == 200 && r.body != "false") r.body = cas ? "true" : "{}";
  return r;
}

// --- exports and intentions
// ---------------------------------------------------------------

HttpResponse Api::exported_services(Ctx& c, const std::string&) const {
  return json(world_.exported(c.cluster.name, c.partition));
}

namespace {

// `name`, `ns/name` or `partition/ns/name` (§6.4); false with Consul's reason.
bool parse_target(const std::string& s, const std::string& partition, runtime::ServiceRef& out, std::string& why) {
  if (starts_with(s, "peer:")) {
    why = s.find('/') == std::string::npos ? "need to specify the service name as well" : "cannot specify a peer here";
    return false;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = s.find('/', start);
    parts.push_back(s.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  out.partition = partition;
  if (parts.size() == 1) {
    out.name = parts[0];
  } else if (parts.size() == 2) {
    out.ns = parts[0];
    out.name = parts[1];
  } else if (parts.size() == 3) {
    out.partition = parts[0];
    out.ns = parts[1];
    out.name = parts[2];
  } else {
    why = "input can contain at most two '/'";
    return false;
  }
  return true;
}

}  // namespace

HttpResponse Api::intention_check(Ctx& c, const std::string&) const {
  const std::string* source = c.req.param("source");
  const std::string* destination = c.req.param("destination");
  if (!source) return text(500, "required query parameter 'source' not set");
  if (!destination) return text(500, "required query parameter 'destination' not set");
  runtime::ServiceRef src, dst;
  std::string why;
  if (!parse_target(*source, c.partition, src, why)) return text(500, "source \"" + *source + "\" is invalid: " + why);
  if (!parse_target(*destination, c.partition, dst, why))
    return text(500, "destination \"" + *destination + "\" is invalid: " + why);
  if (auto denied = authorize(c, "service:read", dst.name)) return *denied;
  src.cluster = dst.cluster = c.cluster.name;
  return json({{"Allowed", world_.check(src, dst).allowed}});
}

HttpResponse Api::intention_match(Ctx& c, const std::string&) const {
  const std::string* by = c.req.param("by");
  if (!by) return text(500, "required query parameter 'by' not set");
  if (*by != "source" && *by != "destination")
    return text(500, "'by' parameter must be one of 'source' or 'destination'");
  std::vector<std::string> names;
  for (const auto& kv : c.req.query) {
    if (kv.first == "name") names.push_back(kv.second);
  }
  if (names.empty()) return text(500, "required query parameter 'name' not set");
  // Every source of every service-intentions entry of the partition, as an
  // Intention.
  const std::string prefix = c.cluster.name + "/" + c.partition + "/config/service-intentions/";
  Json all = Json::array();
  for (const std::string& key : world_.keys()) {
    if (!starts_with(key, prefix)) continue;
    const Json e = world_.resource(key);
    const std::string dns = key.substr(prefix.size(), key.find('/', prefix.size()) - prefix.size());
    for (const Json& s : e.value("Sources", Json::array())) {
      Json i = Json::object();
      if (s.contains("Description")) i["Description"] = s["Description"];
      i["SourceNS"] = s.value("Namespace", "default");
      i["SourceName"] = s.value("Name", "");
      i["DestinationNS"] = dns;
      i["DestinationName"] = e.value("Name", "");
      if (s.contains("Partition")) i["SourcePartition"] = s["Partition"];
      if (s.contains("Peer")) i["SourcePeer"] = s["Peer"];
      if (s.contains("SamenessGroup")) i["SourceSamenessGroup"] = s["SamenessGroup"];
      i["SourceType"] = s.value("Type", "consul");
      if (s.contains("Action")) i["Action"] = s["Action"];
      if (s.contains("Permissions")) i["Permissions"] = s["Permissions"];
      if (e.contains("Meta")) i["Meta"] = e["Meta"];
      i["Precedence"] = s.value("Precedence", 0);
      i["CreateIndex"] = e.value("CreateIndex", 0);
      i["ModifyIndex"] = e.value("ModifyIndex", 0);
      all.push_back(std::move(i));
    }
  }
  Json out = Json::object();
  for (const std::string& n : names) {
    runtime::ServiceRef want;
    std::string why;
    if (!parse_target(n, c.partition, want, why)) return text(500, "name \"" + n + "\" is invalid: " + why);
    const bool dest = *by == "destination";
    const char* ns_key = dest ? "DestinationNS" : "SourceNS";
    const char* name_key = dest ? "DestinationName" : "SourceName";
    Json list = Json::array();
    for (const Json& i : all) {
      if (!dest && i.contains("SourcePeer")) continue;
      const std::string ins = i.value(ns_key, ""), iname = i.value(name_key, "");
      if ((ins == want.ns || ins == "*") && (iname == want.name || iname == "*")) list.push_back(i);
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const Json& a, const Json& b) { return a.value("Precedence", 0) > b.value("Precedence", 0); });
    out[n] = list;
  }
  return json(out);
}

// Not Consul: the runtime's peer-aware question (World::check) for
// source=CLUSTER/[PARTITION/NS/]NAME and destination=likewise.
HttpResponse Api::decide(Ctx& c, const std::string&) const {
  const std::string* source = c.req.param("source");
  const std::string* destination = c.req.param("destination");
  if (!source || !destination) return text(400, "entryc: give source=CLUSTER/NAME and destination=CLUSTER/NAME");
  runtime::ServiceRef refs[2];
  const std::string* given[2] = {source, destination};
  for (int i = 0; i < 2; ++i) {
    const std::string& s = *given[i];
    const std::size_t slash = s.find('/');
    std::string why;
    if (slash == std::string::npos || !parse_target(s.substr(slash + 1), "default", refs[i], why))
      return text(400, "entryc: '" + s + "' is not CLUSTER/[PARTITION/NS/]NAME");
    refs[i].cluster = s.substr(0, slash);
  }
  const runtime::Decision d = world_.check(refs[0], refs[1]);
  Json trail = Json::array();
  for (const runtime::Step& s : d.trail) {
    trail.push_back({{"Check", s.check}, {"OK", s.ok}, {"Detail", s.detail}});
  }
  return json({{"Allowed", d.allowed}, {"Reason", d.reason}, {"Trail", trail}});
}

// --- ACL policies
// --------------------------------------------------------------------------

namespace {

const char* const kPolicyFields[] = {"ID",          "Name", "Description", "Rules",
                                     "Datacenters", "Hash", "CreateIndex", "ModifyIndex"};

// Strict decoding of an ACLPolicy body (§4.8): Go matches field names
// case-insensitively and refuses unknown ones.
std::string policy_decode(const std::string& raw, Json& body, bool enterprise) {
  if (std::string e = decode_error(raw, body); !e.empty()) return "Policy decoding failed: " + e;
  if (!body.is_object())
    return "Policy decoding failed: json: cannot unmarshal " +
           std::string(body.is_array()    ? "array"
                       : body.is_string() ? "string"
                                          : "number") +
           " into Go value of type structs.ACLPolicy";
  Json norm = Json::object();
  for (const auto& item : body.items()) {
    const std::string k = item.key();
    const char* canonical = nullptr;
    for (const char* f : kPolicyFields) {
      if (lower(f) == lower(k)) canonical = f;
    }
    if (!canonical) {
      if (!enterprise && lower(k) == "namespace")
        return "Policy decoding failed: json: unknown field \"" + k + "\" - Namespaces are a Consul Enterprise feature";
      if (!enterprise && lower(k) == "partition")
        return "Policy decoding failed: json: unknown field \"" + k + "\" - Partitions are a Consul Enterprise feature";
      if (!enterprise || (lower(k) != "namespace" && lower(k) != "partition"))
        return "Policy decoding failed: json: unknown field \"" + k + "\"";
      continue;
    }
    norm[canonical] = item.value();
  }
  for (const char* f : {"ID", "Name", "Description", "Rules"}) {
    if (norm.contains(f) && !norm[f].is_string() && !norm[f].is_null())
      return std::string("Policy decoding failed: json: cannot unmarshal ") +
             (norm[f].is_number()    ? "number"
              : norm[f].is_boolean() ? "bool"
              : norm[f].is_array()   ? "array"
                                     : "object") +
             " into Go struct field ACLPolicy." + f + " of type string";
  }
  body = std::move(norm);
  return "";
}

std::string str(const Json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
}

Json policy_body(const Json& b) {
  return {{"Name", str(b, "Name")}, {"Description", str(b, "Description")}, {"Rules", str(b, "Rules")}};
}

}  // namespace

Json Api::policy_by_id(const Ctx& c, const std::string& id) const {
  const std::string prefix = c.cluster.name + "/" + c.partition + "/acl-policy/";
  for (const std::string& key : world_.keys()) {
    if (!starts_with(key, prefix)) continue;
    Json p = world_.resource(key);
    if (p.value("ID", "") == id) return p;
  }
  return nullptr;
}

HttpResponse Api::policy_create(Ctx& c, const std::string&) const {
  if (!c.cluster.acl_enabled) return text(401, "ACL support disabled");
  Json body;
  if (std::string e = policy_decode(c.req.body, body, c.cluster.enterprise); !e.empty()) return text(400, e);
  if (!str(body, "ID").empty()) return text(400, "Cannot specify the ID when creating a new policy");
  const std::string name = str(body, "Name");
  if (!name.empty() && !world_.resource(c.cluster.name + "/" + c.partition + "/acl-policy/" + name).is_null())
    return text(500, "Invalid Policy: A Policy with Name \"" + name + "\" already exists");
  return apply({{"type", "acl.policy.write"}, {"target", name}, {"body", policy_body(body)}}, c);
}

HttpResponse Api::policy_update(Ctx& c, const std::string& id) const {
  if (!c.cluster.acl_enabled) return text(401, "ACL support disabled");
  Json body;
  if (std::string e = policy_decode(c.req.body, body, c.cluster.enterprise); !e.empty()) return text(400, e);
  if (!str(body, "ID").empty() && str(body, "ID") != id) return text(400, "Policy ID in URL and payload do not match");
  const Json old = policy_by_id(c, id);
  if (old.is_null()) return text(500, "cannot find policy " + id);
  const std::string name = str(body, "Name");
  const std::string old_name = old.value("Name", "");
  const std::string prefix = c.cluster.name + "/" + c.partition + "/acl-policy/";
  if (name != old_name && !world_.resource(prefix + name).is_null())
    return text(500, "Invalid Policy: A policy with name \"" + name + "\" already exists");
  HttpResponse r = apply({{"type", "acl.policy.write"}, {"target", name}, {"body", policy_body(body)}}, c);
  if (r.status != 200 || name == old_name) return r;
  // A rename: the World keys policies by name; keep the ID and CreateIndex.
  Json renamed = world_.resource(prefix + name);
  renamed["ID"] = old["ID"];
  renamed["CreateIndex"] = old["CreateIndex"];
  world_.put_resource(prefix + name, renamed);
  world_.put_resource(prefix + old_name, nullptr);
  if (store_) store_->record(world_, {prefix + name, prefix + old_name});
  return json(renamed);
}

HttpResponse Api::policy_read(Ctx& c, const std::string& id) const {
  if (!c.cluster.acl_enabled) return text(401, "ACL support disabled");
  if (id.empty()) return text(400, "Missing policy ID");
  const Json p = policy_by_id(c, id);
  if (p.is_null()) return text(404, "Requested policy does not exist: ACL not found");
  return json(p);
}

HttpResponse Api::policy_read_name(Ctx& c, const std::string& name) const {
  if (!c.cluster.acl_enabled) return text(401, "ACL support disabled");
  if (name.empty()) return text(400, "Missing policy Name");
  const Json p = world_.resource(c.cluster.name + "/" + c.partition + "/acl-policy/" + name);
  if (p.is_null()) return text(404, "Requested policy does not exist: ACL not found");
  return json(p);
}

HttpResponse Api::policy_delete(Ctx& c, const std::string& id) const {
  if (!c.cluster.acl_enabled) return text(401, "ACL support disabled");
  const Json p = policy_by_id(c, id);
  if (p.is_null()) return text(404, "Cannot find policy to delete");
  HttpResponse r = apply({{"type", "acl.policy.delete"}, {"target", p.value("Name", "")}}, c);
  if (r.status == 200) r.body = "true";
  return r;
}

HttpResponse Api::policy_list(Ctx& c, const std::string&) const {
  if (!c.cluster.acl_enabled) return text(401, "ACL support disabled");
  const std::string prefix = c.cluster.name + "/" + c.partition + "/acl-policy/";
  Json list = Json::array();
  for (const std::string& key : world_.keys()) {
    if (!starts_with(key, prefix)) continue;
    Json p = world_.resource(key);
    p.erase("Rules");
    list.push_back(std::move(p));
  }
  return json(list);
}

}  // namespace entryc::serve
