#include "live.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "fields.hpp"
#include "url.hpp"

namespace entryc::consul_http {
namespace {


// A member whatever its key's case (Consul answers in CamelCase; a proxy or
// an older agent may not).
const Json* member(const Json& j, const std::string& key) {
  if (!j.is_object()) return nullptr;
  for (const auto& [k, v] : j.items()) {
    if (k.size() == key.size() &&
        std::equal(k.begin(), k.end(), key.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return &v;
    }
  }
  return nullptr;
}

std::string member_text(const Json& j, const std::string& key) {
  const Json* v = member(j, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::string env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? v : "";
}

// "cluster-01: GET /v1/peerings: 403 (Permission denied)": never the token.
std::string failure(const std::string& cluster, const Call& c, const Response& r) {
  return cluster + ": " + c.method + " " + c.path + ": " + r.describe();
}

}  // namespace

Live::Live(const Json& project, std::vector<ClusterAccess> clusters, ClientOptions options)
    : project_(project), clusters_(std::move(clusters)), client_(options) {}

Live::Target& Live::target(const std::string& cluster) {
  if (const auto it = targets_.find(cluster); it != targets_.end()) return it->second;
  const ClusterAccess& a = find_cluster(clusters_, cluster);
  Target t;
  t.access = &a;
  t.base = env(a.address_var);
  if (t.base.empty()) t.base = a.address;
  while (!t.base.empty() && t.base.back() == '/') t.base.pop_back();
  if (t.base.empty()) {
    throw std::runtime_error("cluster '" + a.name + "' has no address: set http.address in the project, or $" +
                             a.address_var);
  }
  if (t.base.rfind("http://", 0) != 0 && t.base.rfind("https://", 0) != 0) {
    throw std::runtime_error("cluster '" + a.name + "': the address '" + t.base +
                             "' must start with http:// or https://");
  }
  t.token = env(a.token_var);
  if (t.token.empty() && !a.token_file.empty()) {
    std::ifstream f(a.token_file, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    if (!f) {
      throw std::runtime_error("cluster '" + a.name + "': cannot read http.token_file '" + a.token_file + "'");
    }
    t.token = s.str();
  }
  t.token = trim(t.token);
  if (t.token.find_first_of("\r\n") != std::string::npos) {
    throw std::runtime_error("cluster '" + a.name + "': the ACL token holds a line break (check $" + a.token_var +
                             (a.token_file.empty() ? std::string() : " and " + a.token_file) + ")");
  }
  if (t.token.empty() && a.acl_enabled) {
    throw std::runtime_error("cluster '" + a.name + "' has ACLs enabled: put its token in $" + a.token_var +
                             (a.token_file.empty() ? std::string(" (or name a file in http.token_file)")
                                                   : " or in " + a.token_file));
  }
  t.tls = {a.ca_file, a.cert_file, a.key_file, a.tls_server_name, a.tls_skip_verify};
  return targets_.emplace(cluster, std::move(t)).first->second;
}

Call Live::call(const Target& t, std::string method, std::string path, std::optional<std::string> body) const {
  Call c;
  c.method = std::move(method);
  c.base = t.base;
  c.path = std::move(path);
  c.body = std::move(body);
  c.token = t.token;
  c.tls = &t.tls;
  return c;
}

Json Live::read_json(const Target& t, const std::string& path) {
  const Call c = call(t, "GET", path);
  const Response r = client_.run(c);
  if (r.status != 200) throw std::runtime_error(failure(t.access->name, c, r));
  Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error(t.access->name + ": GET " + path + ": the answer is not JSON");
  return j;
}

Json Live::snapshot() {
  // Every read of every cluster goes out in one batch.
  struct Read {
    std::string cluster, partition, what;  // what: peerings | config | policies
    std::set<std::string> declared;       // policies: the ones the project declares there
  };
  std::vector<Read> reads;
  std::vector<Call> calls;
  for (const Json& c : array(project_, "clusters")) {
    const std::string cluster = text(c, "name");
    Target& t = target(cluster);
    for (const Json& p : array(c, "partitions")) {
      const std::string partition = text(p, "name");
      const std::string scope = query_string(scope_params(*t.access, partition));
      reads.push_back({cluster, partition, "peerings", {}});
      calls.push_back(call(t, "GET", "/v1/peerings" + scope));
      // exported-services and service-intentions always (what the project
      // no longer has is deleted), and every other kind the project writes.
      std::set<std::string> kinds = {"exported-services", "service-intentions"};
      for (const Json& e : array(project_, "entries")) {
        if (text(e, "cluster") == cluster && text(e, "partition") == partition && !text(e, "kind").empty() &&
            text(e, "kind") != "acl-rules") {
          kinds.insert(text(e, "kind"));
        }
      }
      // Every namespace of the partition (Enterprise's wildcard; CE has one).
      auto params = scope_params(*t.access, partition);
      if (t.access->enterprise) params.emplace_back("ns", "*");
      for (const std::string& k : kinds) {
        reads.push_back({cluster, partition, "config", {}});
        calls.push_back(call(t, "GET", "/v1/config/" + escape_segment(k) + query_string(params)));
      }
      if (t.access->acl_enabled && !array(p, "policies").empty()) {
        Read r{cluster, partition, "policies", {}};
        for (const Json& d : array(p, "policies")) r.declared.insert(text(d, "name"));
        reads.push_back(std::move(r));
        calls.push_back(call(t, "GET", "/v1/acl/policies" + scope));
      }
    }
  }
  const std::vector<Response> answers = client_.run(calls);

  Json clusters = Json::object();
  std::vector<std::string> errors;
  std::vector<Call> policy_calls;
  std::vector<std::pair<std::string, std::string>> policy_at;  // cluster, partition
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const Read& r = reads[i];
    const Response& a = answers[i];
    if (a.status != 200) {
      errors.push_back(failure(r.cluster, calls[i], a));
      continue;
    }
    Json j = Json::parse(a.body, nullptr, false);
    if (!j.is_array()) {
      errors.push_back(r.cluster + ": GET " + calls[i].path + ": the answer is not a JSON list");
      continue;
    }
    Json& part = clusters[r.cluster]["partitions"][r.partition];
    for (const char* k : {"peerings", "config_entries", "acl_policies"}) {
      if (!part.contains(k)) part[k] = Json::array();
    }
    if (r.what == "peerings") {
      for (const Json& p : j) part["peerings"].push_back({{"Name", member_text(p, "Name")}, {"State", member_text(p, "State")}});
    } else if (r.what == "config") {
      for (Json& e : j) part["config_entries"].push_back(std::move(e));
    } else {
      // The list has no rules: read the policies the project declares.
      Target& t = target(r.cluster);
      const std::string scope = query_string(scope_params(*t.access, r.partition));
      for (const Json& stub : j) {
        if (!r.declared.count(member_text(stub, "Name"))) continue;
        policy_calls.push_back(call(t, "GET", "/v1/acl/policy/" + escape_segment(member_text(stub, "ID")) + scope));
        policy_at.emplace_back(r.cluster, r.partition);
      }
    }
  }
  const std::vector<Response> policies = client_.run(policy_calls);
  for (std::size_t i = 0; i < policy_calls.size(); ++i) {
    const auto& [cluster, partition] = policy_at[i];
    const Json j = policies[i].status == 200 ? Json::parse(policies[i].body, nullptr, false) : Json();
    if (!j.is_object()) {
      errors.push_back(policies[i].status == 200 ? cluster + ": GET " + policy_calls[i].path + ": the answer is not JSON"
                                                 : failure(cluster, policy_calls[i], policies[i]));
      continue;
    }
    clusters[cluster]["partitions"][partition]["acl_policies"].push_back(
        {{"Name", member_text(j, "Name")}, {"Rules", member_text(j, "Rules")}});
  }
  if (!errors.empty()) {
    std::string all = "cannot read what the clusters hold:";
    for (const std::string& e : errors) all += "\n  " + e;
    throw std::runtime_error(all);
  }
  return {{"format_version", 1}, {"clusters", clusters}};
}

Json Live::apply(const Json& given) {
  Json op = given;
  const std::string type = text(op, "type");
  // An entry the snapshot did not have is written only if it still is not
  // there: a concurrent creation is a conflict, not something to overwrite.
  if (type == "config.write" && text(op, "action") == "create" && !op.contains("cas")) op["cas"] = 0;
  RequestMap map(clusters_, true);
  const std::vector<Request> requests = map.map(op);
  Target& t = target(text(op, "cluster"));
  std::map<std::string, std::string> captured;
  Json outputs = Json::object();
  Json reply;
  for (const Request& rq : requests) {
    std::string path = rq.path;
    for (const auto& [var, value] : captured) {
      const std::string mark = "${" + var + "}";
      for (std::size_t at; (at = path.find(mark)) != std::string::npos;) path.replace(at, mark.size(), escape_segment(value));
    }
    const Call c = call(t, rq.method, path, rq.body ? std::optional<std::string>(rq.body->dump()) : std::nullopt);
    const Response r = client_.run(c);
    if (r.status == 0) throw std::runtime_error(rq.error + ": " + r.describe());
    if (!r.ok()) {
      // An establish whose first answer was lost, retried with a token the
      // first attempt used up: the peering may well be there.
      if (type == "peering.establish" && r.attempts > 1) {
        try {
          verify(op, t, Json());
          return {{"status", 200}, {"outputs", outputs}};
        } catch (const std::exception&) {
        }
      }
      throw Refused{static_cast<int>(r.status), rq.error + ": " + r.text()};
    }
    reply = Json::parse(r.body, nullptr, false);
    if (rq.expect_true && !(reply.is_boolean() && reply.get<bool>())) {
      const auto cas = cas_index(op);
      throw Refused{0, "CAS conflict: " + rq.refused + ": " +
                           (cas && *cas == 0 ? std::string("someone created it after entryc read the cluster")
                                             : "someone changed it after entryc read it (at index " +
                                                   std::to_string(cas.value_or(0)) + ")") +
                           "; nothing was overwritten. Run `entryc plan` again to see the difference."};
    }
    if (!rq.capture_var.empty()) {
      const std::string value = reply.is_object() ? member_text(reply, rq.capture_field) : std::string();
      if (value.empty()) throw std::runtime_error(rq.error + ": the answer has no " + rq.capture_field);
      captured[rq.capture_var] = value;
      if (rq.capture_field == "PeeringToken") outputs["PeeringToken"] = value;
    }
  }
  verify(op, t, reply);
  return {{"status", 200}, {"outputs", outputs}};
}

// Reads back what an operation wrote; throws when the cluster does not hold it.
void Live::verify(const Json& op, const Target& t, const Json& reply) {
  const std::string type = text(op, "type");
  const std::string partition = text(op, "partition");
  const auto b = op.find("body");
  const Json body = b != op.end() && b->is_object() ? *b : Json::object();
  const std::string name = t.access->name;
  auto fail = [&](const std::string& what) { throw std::runtime_error("read-back after the write: " + what); };

  if (type == "peering.generate-token" || type == "peering.establish") {
    const std::string peer = text(body, "PeerName");
    const Call c = call(t, "GET", "/v1/peering/" + escape_segment(peer) + query_string(scope_params(*t.access, partition)));
    const Response r = client_.run(c);
    if (r.status != 200) fail(failure(name, c, r));
    const Json j = Json::parse(r.body, nullptr, false);
    const std::string state = j.is_object() ? member_text(j, "State") : std::string();
    const bool ok = type == "peering.generate-token"
                        ? state != "DELETING" && state != "TERMINATED" && !state.empty()
                        : state == "ESTABLISHING" || state == "ACTIVE" || state == "FAILING";
    if (!ok) fail(name + ": the peering '" + peer + "' is " + (state.empty() ? "missing" : state));
    return;
  }
  if (type == "config.write" || type == "config.delete") {
    const std::string kind = text(body, "Kind"), entry = text(body, "Name");
    const Call c = call(t, "GET", "/v1/config/" + escape_segment(kind) + "/" + escape_segment(entry) +
                                      query_string(scope_params(*t.access, partition, text(body, "Namespace"))));
    const Response r = client_.run(c);
    if (type == "config.delete") {
      if (r.status != 404) fail(name + ": " + kind + "/" + entry + " is still there (" + r.describe() + ")");
      return;
    }
    if (r.status != 200) fail(failure(name, c, r));
    const Json j = Json::parse(r.body, nullptr, false);
    if (!j.is_object() || member_text(j, "Kind") != kind || member_text(j, "Name") != entry) {
      fail(name + ": GET " + c.path + " does not return " + kind + "/" + entry);
    }
    return;
  }
  if (type == "acl.policy.write") {
    const std::string id = reply.is_object() ? member_text(reply, "ID") : std::string();
    if (id.empty()) fail(name + ": the policy write returned no ID");
    const Json j = read_json(t, "/v1/acl/policy/" + escape_segment(id) + query_string(scope_params(*t.access, partition)));
    if (member_text(j, "Rules") != text(body, "Rules")) {
      fail(name + ": policy " + text(body, "Name") + " does not hold the rules just written");
    }
  }
}

}  // namespace entryc::consul_http
