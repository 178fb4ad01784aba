// The consul-http backend plugin: live (snapshot and apply over Consul's
// HTTP API, live.hpp) and offline (the `emit` request: the plan as HTTP
// requests, a curl script or a consul CLI script).
#include <memory>
#include <stdexcept>

#include "cluster_access.hpp"
#include "emit.hpp"
#include "entryc/backend_sdk.hpp"
#include "live.hpp"

namespace entryc::consul_http {
namespace {

class ConsulHttpBackend final : public sdk::Backend {
 public:
  explicit ConsulHttpBackend(const Json& config)
      : project_(config.at("project")), clusters_(read_clusters(project_)) {}

  Json snapshot() override { return live().snapshot(); }
  Json apply(const Json& op) override {
    try {
      return live().apply(op);
    } catch (const Refused& r) {
      throw sdk::Rejected{r.status, r.error};
    }
  }

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

  // Made on first use: emitting needs no address, token or $ENTRYC_HTTP_*.
  Live& live() {
    if (!live_) live_ = std::make_unique<Live>(project_, clusters_, ClientOptions::from_env());
    return *live_;
  }

  Json project_;
  std::vector<ClusterAccess> clusters_;
  std::unique_ptr<Live> live_;
};

}  // namespace
}  // namespace entryc::consul_http

ENTRYC_BACKEND_PLUGIN("consul-http", "0.1.0", entryc::consul_http::ConsulHttpBackend)
