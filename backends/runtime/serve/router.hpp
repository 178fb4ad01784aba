// Routing for `entryc serve`: a table of {method, path, handler}. A path
// ending in '/' is a prefix and the handler gets the rest of the path. An
// unknown path is 404; a known path with another method is 405 with the
// Allow header, as Consul's agent answers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http.hpp"

namespace entryc::serve {

using RouteHandler = std::function<HttpResponse(const HttpRequest&, const std::string& rest)>;

struct Route {
  std::string method;
  std::string path;  // exact, or a prefix when it ends with '/'
  RouteHandler handler;
};

class Router {
 public:
  void add(std::string method, std::string path, RouteHandler handler);
  HttpResponse dispatch(const HttpRequest& req) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace entryc::serve
