// The consul-http backend plugin. Today it emits (the `emit` request): the
// plan as Consul HTTP API requests, a curl script or a consul CLI script,
// offline. Live apply (snapshot and apply over HTTP) comes later; until then
// those calls fail with a message that says so.
#include <stdexcept>

#include "cluster_access.hpp"
#include "emit.hpp"
#include "entryc/backend_sdk.hpp"

namespace entryc::consul_http {
namespace {

constexpr const char* kNoLiveMode =
    "the consul-http backend cannot reach Consul yet (live apply is not implemented); "
    "`entryc emit --format http|curl|consul-cli` writes the requests instead";

class ConsulHttpBackend final : public sdk::Backend {
 public:
  explicit ConsulHttpBackend(const Json& config) : clusters_(read_clusters(config.at("project"))) {}

  Json snapshot() override { throw std::runtime_error(kNoLiveMode); }
  Json apply(const Json&) override { throw std::runtime_error(kNoLiveMode); }

  Json request(const Json& req) override {
    const auto what = req.find("request");
    const std::string name = what != req.end() && what->is_string() ? what->get<std::string>() : std::string();
    if (name == "notes") return Json::array();
    if (name == "emit") return emit_request(req);
    return {{"error", "the consul-http backend does not know the request '" + name + "'"}};
  }

  void commit() override {}

 private:
  // {"request": "emit", "format": "http|curl|consul-cli", "plan": <plan>}
  //   -> {"files": [{"path", "text", "executable"}]}, or {"error"}.
  Json emit_request(const Json& req) const {
    const auto format = req.find("format");
    const auto plan = req.find("plan");
    if (format == req.end() || !format->is_string() || plan == req.end() || !plan->is_object()) {
      return {{"error", "an emit request needs \"format\" and \"plan\""}};
    }
    try {
      Json files = Json::array();
      for (const File& f : emit(format->get<std::string>(), *plan, clusters_)) {
        files.push_back({{"path", f.path}, {"text", f.text}, {"executable", f.executable}});
      }
      return {{"files", files}};
    } catch (const std::exception& e) {  // what cannot be emitted, said as such
      return {{"error", e.what()}};
    }
  }

  std::vector<ClusterAccess> clusters_;
};

}  // namespace
}  // namespace entryc::consul_http

ENTRYC_BACKEND_PLUGIN("consul-http", "0.1.0", entryc::consul_http::ConsulHttpBackend)
