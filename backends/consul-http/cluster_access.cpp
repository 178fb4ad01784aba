#include "cluster_access.hpp"

#include <map>
#include <stdexcept>

#include "fields.hpp"
#include "names.hpp"

namespace entryc::consul_http {

std::vector<ClusterAccess> read_clusters(const Json& project) {
  std::vector<ClusterAccess> out;
  std::map<std::string, std::string> by_suffix;  // CLUSTER_01 -> cluster-01
  const auto clusters = project.find("clusters");
  if (clusters == project.end() || !clusters->is_array()) return out;
  for (const Json& c : *clusters) {
    ClusterAccess a;
    a.name = text(c, "name");
    a.datacenter = text(c, "datacenter");
    a.enterprise = text(c, "edition") == "ent";
    a.acl_enabled = flag(object(c, "acl"), "enabled");
    const Json& http = object(c, "http");
    a.address = text(http, "address");
    while (!a.address.empty() && a.address.back() == '/') a.address.pop_back();
    a.address_var = address_var(a.name);
    a.token_var = text(http, "token_env");
    if (a.token_var.empty()) a.token_var = token_var(a.name);
    a.token_file = text(http, "token_file");
    a.ca_file = text(http, "ca_file");
    a.cert_file = text(http, "cert_file");
    a.key_file = text(http, "key_file");
    a.tls_server_name = text(http, "tls_server_name");
    a.tls_skip_verify = flag(http, "tls_skip_verify");
    a.shell = shell_suffix(a.name);
    const auto [it, fresh] = by_suffix.emplace(env_suffix(a.name), a.name);
    if (!fresh) {
      throw std::runtime_error("clusters '" + it->second + "' and '" + a.name + "' would share the variable " +
                               a.address_var + "; rename one of them");
    }
    out.push_back(std::move(a));
  }
  return out;
}

const ClusterAccess& find_cluster(const std::vector<ClusterAccess>& clusters, const std::string& name) {
  for (const ClusterAccess& c : clusters) {
    if (c.name == name) return c;
  }
  throw std::runtime_error("the plan names cluster '" + name + "', which the project does not declare");
}

}  // namespace entryc::consul_http
