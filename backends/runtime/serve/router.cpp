#include "router.hpp"

namespace entryc::serve {

void Router::add(std::string method, std::string path, RouteHandler handler) {
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

HttpResponse Router::dispatch(const HttpRequest& req) const {
  // The longest matching path wins (so /v1/acl/policy/name/ beats
  // /v1/acl/policy/).
  std::size_t best = 0;
  bool found = false;
  for (const Route& r : routes_) {
    const bool prefix = r.path.back() == '/';
    const bool match = prefix ? req.path.compare(0, r.path.size(), r.path) == 0 : req.path == r.path;
    if (match && r.path.size() >= best) {
      best = r.path.size();
      found = true;
    }
  }
  if (!found) return {404, "", "text/plain; charset=utf-8", ""};
  std::string allow;
  for (const Route& r : routes_) {
    if (r.path.size() != best) continue;
    const bool prefix = r.path.back() == '/';
    const bool match = prefix ? req.path.compare(0, r.path.size(), r.path) == 0 : req.path == r.path;
    if (!match) continue;
    if (r.method == req.method) return r.handler(req, prefix ? req.path.substr(r.path.size()) : std::string());
    allow += (allow.empty() ? "" : ",") + r.method;
  }
  HttpResponse res{405, "method " + req.method.substr(0, 16) + " not allowed", "text/plain; charset=utf-8", allow};
  return res;
}

}  // namespace entryc::serve
