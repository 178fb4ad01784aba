#include "names.hpp"

namespace entryc::consul_http {
namespace {

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string suffix(std::string_view name, bool upper) {
  std::string out;
  out.reserve(name.size());
  for (const char c : name) {
    if (!alnum(c)) {
      out += '_';
    } else if (upper && c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if (!upper && c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string env_suffix(std::string_view name) { return suffix(name, true); }
std::string shell_suffix(std::string_view name) { return suffix(name, false); }

std::string address_var(std::string_view cluster) { return "CONSUL_HTTP_ADDR_" + env_suffix(cluster); }
std::string token_var(std::string_view cluster) { return "CONSUL_HTTP_TOKEN_" + env_suffix(cluster); }

std::string peering_token_var(std::string_view cluster, std::string_view partition, std::string_view peer) {
  return "PEERING_TOKEN_" + env_suffix(cluster) + "_" + env_suffix(partition) + "_" + env_suffix(peer);
}

std::string policy_id_var(std::string_view cluster, std::string_view partition, std::string_view policy) {
  return "ACL_POLICY_ID_" + env_suffix(cluster) + "_" + env_suffix(partition) + "_" + env_suffix(policy);
}

std::string file_segment(std::string_view name) {
  std::string out;
  for (const char c : name) out += alnum(c) || c == '.' || c == '-' || c == '_' ? c : '_';
  if (out.empty() || out == "." || out == "..") return "_";
  return out;
}

}  // namespace entryc::consul_http
