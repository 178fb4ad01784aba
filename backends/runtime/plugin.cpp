// The built-in peering runtime as a backend plugin: the World model
// (model/world.hpp) persisted by Store (store.hpp), driven by plan
// operations, and answering check / matrix / state requests.
#include <algorithm>
#include <optional>

#include "entryc/backend_sdk.hpp"
#include "model/world.hpp"
#include "store.hpp"

namespace entryc::runtime {
namespace {

// Secrets never leave the plugin through a read: any member whose name
// mentions a secret or a token is replaced.
Json redact(const Json& v) {
  if (v.is_object()) {
    Json out = Json::object();
    for (const auto& [k, x] : v.items()) {
      std::string lower(k);
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      const bool secret = lower.find("secret") != std::string::npos || lower.find("token") != std::string::npos;
      out[k] = secret && !x.is_null() ? Json("(redacted)") : redact(x);
    }
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const Json& x : v) out.push_back(redact(x));
    return out;
  }
  return v;
}

ServiceRef service_of(const Json& j) {
  ServiceRef s;
  s.cluster = j.value("cluster", "");
  s.partition = j.value("partition", "default");
  s.ns = j.value("namespace", "default");
  s.name = j.value("service", "");
  return s;
}

Json decision_json(const Decision& d) {
  Json trail = Json::array();
  for (const Step& s : d.trail) {
    trail.push_back({{"check", s.check}, {"ok", s.ok}, {"detail", s.detail}, {"data", s.data}});
  }
  return {{"allowed", d.allowed}, {"reason", d.reason}, {"trail", trail}};
}

class RuntimeBackend final : public sdk::Backend {
 public:
  explicit RuntimeBackend(const Json& config)
      : project_(config.at("project")),
        world_(project_),
        store_(config.at("state_dir").get<std::string>(), config.value("write", false)) {
    store_.load(world_);
  }

  Json snapshot() override {
    Json s = world_.snapshot();
    s["format_version"] = 1;
    return s;
  }

  Json apply(const Json& op) override {
    Result r = world_.apply(op);
    // What an operation changed is durable before it counts as done, whether
    // or not the target accepted it (a refused establish still burns nothing,
    // but a refused write may have advanced an index).
    store_.record(world_, r.touched);
    if (r.status < 200 || r.status >= 300) throw sdk::Rejected{r.status, r.error};
    return {{"status", r.status}, {"outputs", r.outputs}};
  }

  Json request(const Json& req) override {
    const std::string what = req.value("request", "");
    if (what == "notes") return store_.notes();
    if (what == "check") return check(req);
    if (what == "matrix") return matrix();
    if (what == "state.list") return {{"addresses", world_.keys()}};
    if (what == "state.show") return show(req.value("addresses", Json::array()));
    if (what == "state.rm") return forget(req.value("addresses", Json::array()));
    if (what == "peerings") return redact(world_.peerings(req.value("cluster", ""), req.value("partition", "default")));
    if (what == "exported-services") return world_.exported(req.value("cluster", ""), req.value("partition", "default"));
    if (what == "imported-services") return world_.imported(req.value("cluster", ""), req.value("partition", "default"));
    return {{"error", "the runtime does not know the request '" + what + "'"}};
  }

  void commit() override {
    if (store_.writable()) store_.compact(world_);
  }

 private:
  // Whether the project declares `s` as a service of its cluster/partition.
  std::optional<std::string> unknown_service(const ServiceRef& s) const {
    for (const Json& c : project_.value("clusters", Json::array())) {
      if (c.value("name", "") != s.cluster) continue;
      for (const Json& p : c.value("partitions", Json::array())) {
        if (p.value("name", "") != s.partition) continue;
        const Json services = p.value("services", Json::array());
        if (std::find(services.begin(), services.end(), Json(s.name)) != services.end()) return std::nullopt;
        return "'" + s.name + "' is not a service of " + s.cluster + "/" + s.partition +
               " (the project file lists its services)";
      }
      return "cluster '" + s.cluster + "' has no partition '" + s.partition + "'";
    }
    return "the project has no cluster '" + s.cluster + "'";
  }

  Json check(const Json& req) const {
    const ServiceRef src = service_of(req.value("source", Json::object()));
    const ServiceRef dst = service_of(req.value("destination", Json::object()));
    for (const ServiceRef* s : {&src, &dst}) {
      if (auto why = unknown_service(*s)) return {{"error", *why}};
    }
    Request http;
    if (req.contains("http")) {
      const Json& h = req["http"];
      http.http = true;
      http.path = h.value("path", "/");
      http.method = h.value("method", "GET");
      for (const Json& kv : h.value("headers", Json::array())) {
        http.headers.emplace_back(kv.at(0).get<std::string>(), kv.at(1).get<std::string>());
      }
    }
    return decision_json(world_.check(src, dst, http));
  }

  // Every declared service against every other, L4.
  Json matrix() const {
    std::vector<ServiceRef> services;
    for (const Json& c : project_.value("clusters", Json::array())) {
      for (const Json& p : c.value("partitions", Json::array())) {
        for (const Json& s : p.value("services", Json::array())) {
          ServiceRef r;
          r.cluster = c.value("name", "");
          r.partition = p.value("name", "default");
          r.name = s.get<std::string>();
          services.push_back(r);
        }
      }
    }
    auto name = [](const ServiceRef& s) { return s.cluster + "/" + s.partition + "/" + s.name; };
    Json edges = Json::array(), names = Json::array();
    for (const ServiceRef& s : services) names.push_back(name(s));
    for (const ServiceRef& dst : services) {
      for (const ServiceRef& src : services) {
        if (&src == &dst) continue;
        const bool ok = world_.allowed(src, dst);
        Json e = {{"source", name(src)}, {"destination", name(dst)}, {"allowed", ok}};
        if (ok) e["via"] = world_.check(src, dst).reason;
        edges.push_back(std::move(e));
      }
    }
    return {{"services", names}, {"edges", edges}};
  }

  Json show(const Json& addresses) const {
    Json out = Json::object();
    if (addresses.empty()) {
      for (const std::string& k : world_.keys()) out[k] = redact(world_.resource(k));
      return {{"resources", out}};
    }
    for (const Json& a : addresses) {
      const std::string k = a.get<std::string>();
      const Json v = world_.resource(k);
      if (v.is_null()) return {{"error", "no resource at '" + k + "' (see `entryc state list`)"}};
      out[k] = redact(v);
    }
    return {{"resources", out}};
  }

  Json forget(const Json& addresses) {
    std::vector<std::string> keys;
    for (const Json& a : addresses) {
      const std::string k = a.get<std::string>();
      if (world_.resource(k).is_null()) return {{"error", "no resource at '" + k + "' (see `entryc state list`)"}};
      keys.push_back(k);
    }
    for (const std::string& k : keys) world_.put_resource(k, nullptr);
    store_.record(world_, keys);
    return {{"removed", keys}};
  }

  Json project_;
  World world_;
  Store store_;
};

}  // namespace
}  // namespace entryc::runtime

ENTRYC_BACKEND_PLUGIN("runtime", "1.0.0", entryc::runtime::RuntimeBackend)
