// The `http` format: the requests as data, for tools (and reviewers).
#include "emit.hpp"
#include "request_map.hpp"
#include "script_common.hpp"

namespace entryc::consul_http {
namespace {

// {"$var": "NAME"} -> "${NAME}".
Json placeholders(const Json& v) {
  return replace_placeholders(v, "$var", [](const std::string& name) { return Json("${" + name + "}"); });
}

}  // namespace

std::vector<File> emit_http(const Json& plan, const std::vector<ClusterAccess>& clusters) {
  RequestMap map(clusters);
  Json out = Json::array();
  for (const Json& op : plan_ops(plan)) {
    for (const Request& r : map.map(op)) {
      const ClusterAccess& c = find_cluster(clusters, r.cluster);
      Json headers = {{"X-Consul-Token", "${" + c.token_var + "}"}};
      if (r.body) headers["Content-Type"] = "application/json";
      Json j = {{"op", r.op},
                {"cluster", r.cluster},
                {"method", r.method},
                {"url", (c.address.empty() ? "${" + c.address_var + "}" : c.address) + r.path},
                {"headers", headers},
                {"body", r.body ? placeholders(*r.body) : Json()}};
      if (!r.capture_var.empty()) j["capture"] = {{r.capture_var, r.capture_field}};
      if (r.expect_true) j["expect"] = "true";
      out.push_back(std::move(j));
    }
  }
  return {{"requests.json", out.dump(2) + "\n", false}};
}

}  // namespace entryc::consul_http
