#include "emit.hpp"

#include <stdexcept>

namespace entryc::consul_http {

std::vector<File> emit(const std::string& format, const Json& plan, const std::vector<ClusterAccess>& clusters) {
  if (format == "http") return emit_http(plan, clusters);
  if (format == "curl") return emit_curl(plan, clusters);
  if (format == "consul-cli") return emit_consul_cli(plan, clusters);
  throw std::runtime_error("unknown emit format '" + format + "' (http, curl or consul-cli)");
}

}  // namespace entryc::consul_http
