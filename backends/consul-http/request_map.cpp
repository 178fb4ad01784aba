#include "request_map.hpp"

#include <stdexcept>
#include <utility>

#include "fields.hpp"
#include "names.hpp"
#include "url.hpp"

namespace entryc::consul_http {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

}  // namespace

std::optional<std::uint64_t> cas_index(const Json& op) {
  const auto it = op.find("cas");
  if (it == op.end() || it->is_null()) return std::nullopt;
  if (it->is_number_unsigned()) return it->get<std::uint64_t>();
  if (it->is_number_integer() && it->get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(it->get<std::int64_t>());
  throw std::runtime_error("operation " + text(op, "id") + ": \"cas\" must be a non-negative integer");
}

Params scope_params(const ClusterAccess& c, const std::string& partition, const std::string& ns) {
  Params p;
  if (!c.enterprise) return p;
  if (!partition.empty()) p.emplace_back("partition", partition);
  if (!ns.empty() && ns != "default") p.emplace_back("ns", ns);
  return p;
}

std::string RequestMap::new_var(std::string name) {
  const std::string base = name;
  for (int n = 2; !vars_.insert(name).second; ++n) name = base + "_" + std::to_string(n);
  return name;
}

Json RequestMap::resolve(const Json& v) const {
  if (live_) return v;
  return replace_placeholders(v, "$ref", [this](const std::string& ref) {
    const auto it = outputs_.find(ref);
    if (it == outputs_.end()) {
      throw std::runtime_error("the plan refers to " + ref + ", which no earlier operation produces");
    }
    return Json{{"$var", it->second}};
  });
}

std::vector<Request> RequestMap::map(const Json& op) {
  const std::string id = text(op, "id");
  const std::string type = text(op, "type");
  const std::string partition = text(op, "partition");
  const ClusterAccess& c = find_cluster(clusters_, text(op, "cluster"));
  const auto b = op.find("body");
  const Json body = b != op.end() && b->is_object() ? *b : Json::object();
  const std::optional<std::uint64_t> cas = cas_index(op);

  Request r;
  r.op = id;
  r.type = type;
  r.cluster = c.name;

  if (type == "peering.generate-token") {
    const std::string peer = text(body, "PeerName");
    r.method = "POST";
    r.path = "/v1/peering/token" + query_string(scope_params(c, partition));
    r.body = resolve(body);
    r.capture_field = "PeeringToken";
    r.capture_var = new_var(peering_token_var(c.name, partition, peer));
    r.error = "Error generating peering token for " + peer;
    outputs_[id + ".PeeringToken"] = r.capture_var;
    return {r};
  }
  if (type == "peering.establish") {
    const auto token = body.find("PeeringToken");
    if (!live_ && (token == body.end() || !token->is_object() || !token->contains("$ref"))) {
      // A token written into the plan would be written into what is emitted.
      throw std::runtime_error("operation " + id + ": PeeringToken must be a reference to the operation that generates it");
    }
    r.method = "POST";
    r.path = "/v1/peering/establish" + query_string(scope_params(c, partition));
    r.body = resolve(body);
    r.error = "Error establishing peering for " + text(body, "PeerName");
    return {r};
  }
  if (type == "config.write" || type == "config.delete") {
    const std::string what = text(body, "Kind") + "/" + text(body, "Name");
    Params params = scope_params(c, partition, text(body, "Namespace"));
    if (cas) params.emplace_back("cas", std::to_string(*cas));
    if (type == "config.write") {
      r.method = "PUT";
      r.path = "/v1/config" + query_string(params);
      r.body = resolve(body);
      r.expect_true = true;
      r.error = "Error writing config entry " + what;
      r.refused = "Config entry not updated: " + what;
    } else {
      r.method = "DELETE";
      r.path = "/v1/config/" + escape_segment(text(body, "Kind")) + "/" + escape_segment(text(body, "Name")) +
               query_string(params);
      r.expect_true = cas.has_value();  // without cas the answer is {}
      r.error = "Error deleting config entry " + what;
      if (cas) r.refused = "Config entry not deleted: " + what;
    }
    return {r};
  }
  if (type == "acl.policy.write") {
    const std::string name = text(body, "Name");
    const std::string query = query_string(scope_params(c, partition));
    r.method = "PUT";
    r.body = resolve(body);
    if (text(op, "action") != "update") {
      r.path = "/v1/acl/policy" + query;
      r.error = "Error creating ACL policy " + name;
      return {r};
    }
    // PUT /v1/acl/policy/:id needs the ID, which the plan does not know:
    // read it by name first (§4.8).
    Request lookup;
    lookup.op = id;
    lookup.type = type;
    lookup.cluster = c.name;
    lookup.method = "GET";
    lookup.path = "/v1/acl/policy/name/" + escape_segment(name) + query;
    lookup.capture_field = "ID";
    lookup.capture_var = new_var(policy_id_var(c.name, partition, name));
    lookup.error = "Error reading ACL policy " + name;
    r.path = "/v1/acl/policy/${" + lookup.capture_var + "}" + query;
    r.error = "Error updating ACL policy " + name;
    return {lookup, r};
  }
  throw std::runtime_error("operation " + id + ": the consul-http backend does not know the type '" + type + "'");
}

Json replace_placeholders(const Json& v, const std::string& key, const std::function<Json(const std::string&)>& f) {
  if (v.is_object()) {
    if (v.size() == 1 && v.contains(key) && v[key].is_string()) return f(v[key].get<std::string>());
    Json out = Json::object();
    for (const auto& [k, x] : v.items()) out[k] = replace_placeholders(x, key, f);
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const Json& x : v) out.push_back(replace_placeholders(x, key, f));
    return out;
  }
  return v;
}

}  // namespace entryc::consul_http
