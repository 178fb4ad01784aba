#include "cli_map.hpp"

#include <stdexcept>

#include "fields.hpp"
#include "names.hpp"

namespace entryc::consul_http {
namespace {

Word lit(std::string s) { return {Word::Kind::literal, std::move(s), {}}; }

void add(std::vector<Word>& args, std::initializer_list<const char*> words) {
  for (const char* w : words) args.push_back(lit(w));
}

// -partition / -namespace, as the HTTP mapping's query parameters.
void add_scope(std::vector<Word>& args, const ClusterAccess& c, const std::string& partition, const std::string& ns = {}) {
  for (const auto& [k, v] : scope_params(c, partition, ns)) {
    args.push_back(lit(k == "ns" ? "-namespace" : "-" + k));
    args.push_back(lit(v));
  }
}

void add_cas(std::vector<Word>& args, const Json& op) {
  if (const std::optional<std::uint64_t> cas = cas_index(op)) {
    args.push_back(lit("-cas"));
    args.push_back(lit("-modify-index=" + std::to_string(*cas)));
  }
}

// Body members the command has no flag for would be lost: refuse them.
void only(const Json& body, std::initializer_list<const char*> known, const std::string& id) {
  for (const auto& [k, _] : body.items()) {
    bool ok = false;
    for (const char* n : known) ok = ok || k == n;
    if (!ok) throw std::runtime_error("operation " + id + ": the consul CLI has no flag for '" + k + "'");
  }
}

void add_meta(std::vector<Word>& args, const Json& body) {
  const auto meta = body.find("Meta");
  if (meta == body.end() || !meta->is_object()) return;
  for (const auto& [k, v] : meta->items()) {
    args.push_back(lit("-meta"));
    args.push_back(lit(k + "=" + (v.is_string() ? v.get<std::string>() : v.dump())));
  }
}

}  // namespace

std::string CliMap::unique_path(const std::string& stem, const std::string& ext) {
  std::string path = stem + ext;
  for (int n = 2; !paths_.insert(path).second; ++n) path = stem + "-" + std::to_string(n) + ext;
  return path;
}

CliCommand CliMap::map(const Json& op) {
  const std::vector<Request> reqs = requests_.map(op);  // also checks references and records outputs
  const std::string id = text(op, "id");
  const std::string type = text(op, "type");
  const std::string partition = text(op, "partition");
  const ClusterAccess& c = find_cluster(clusters_, text(op, "cluster"));
  // The body with references resolved (a peering token is {"$var": NAME});
  // a delete sends none, but its operation's body names the entry.
  const auto raw = op.find("body");
  const Json body = reqs.back().body ? *reqs.back().body
                    : raw != op.end() && raw->is_object() ? *raw
                                                          : Json::object();
  const std::string dir = file_segment(c.name) + "/" + file_segment(partition) + "/";

  CliCommand cmd;
  cmd.cluster = c.name;
  std::vector<Word>& a = cmd.args;
  if (type == "peering.generate-token") {
    only(body, {"PeerName", "Partition", "Meta", "ServerExternalAddresses"}, id);
    add(a, {"peering", "generate-token", "-name"});
    a.push_back(lit(text(body, "PeerName")));
    add_scope(a, c, partition);
    add_meta(a, body);
    if (const auto addrs = body.find("ServerExternalAddresses"); addrs != body.end() && addrs->is_array()) {
      std::string list;
      for (const Json& x : *addrs) list += (list.empty() ? "" : ",") + x.get<std::string>();
      add(a, {"-server-external-addresses"});
      a.push_back(lit(list));
    }
    cmd.capture_var = reqs.front().capture_var;
    return cmd;
  }
  if (type == "peering.establish") {
    only(body, {"PeerName", "PeeringToken", "Partition", "Meta"}, id);
    add(a, {"peering", "establish", "-name"});
    a.push_back(lit(text(body, "PeerName")));
    add(a, {"-peering-token"});
    a.push_back({Word::Kind::var, body.at("PeeringToken").at("$var").get<std::string>(), {}});
    add_scope(a, c, partition);
    add_meta(a, body);
    return cmd;
  }
  if (type == "config.write") {
    const std::string ns = text(body, "Namespace");
    std::string stem = "config/" + dir + file_segment(text(body, "Kind")) + "/";
    if (!ns.empty() && ns != "default") stem += file_segment(ns) + "/";
    stem += file_segment(text(body, "Name"));
    const std::string path = unique_path(stem, ".json");
    add(a, {"config", "write"});
    add_cas(a, op);
    add_scope(a, c, partition, ns);
    a.push_back({Word::Kind::file, path, {}});
    cmd.files.push_back({path, body.dump(2) + "\n", false});
    return cmd;
  }
  if (type == "config.delete") {
    add(a, {"config", "delete", "-kind"});
    a.push_back(lit(text(body, "Kind")));
    add(a, {"-name"});
    a.push_back(lit(text(body, "Name")));
    add_cas(a, op);
    add_scope(a, c, partition, text(body, "Namespace"));
    return cmd;
  }
  if (type == "acl.policy.write") {
    only(body, {"Name", "Rules", "Partition", "Description", "Datacenters"}, id);
    const std::string name = text(body, "Name");
    const std::string source = text(op, "source");
    const bool json = source.size() >= 5 && source.compare(source.size() - 5, 5, ".json") == 0;
    const std::string path = unique_path("acl/" + dir + file_segment(name), json ? ".json" : ".hcl");
    const bool update = text(op, "action") == "update";
    add(a, {"acl", "policy", update ? "update" : "create", "-name"});
    a.push_back(lit(name));
    add(a, {"-rules"});
    a.push_back({Word::Kind::file, path, "@"});
    if (const std::string d = text(body, "Description"); !d.empty()) {
      add(a, {"-description"});
      a.push_back(lit(d));
    }
    if (const auto dcs = body.find("Datacenters"); dcs != body.end() && dcs->is_array()) {
      for (const Json& dc : *dcs) {
        add(a, {"-valid-datacenter"});
        a.push_back(lit(dc.get<std::string>()));
      }
    }
    // Like PUT /v1/acl/policy/:id: the policy becomes what the plan says.
    if (update) add(a, {"-no-merge"});
    add_scope(a, c, partition);
    cmd.files.push_back({path, text(body, "Rules"), false});
    return cmd;
  }
  throw std::runtime_error("operation " + id + ": the consul-http backend does not know the type '" + type + "'");
}

}  // namespace entryc::consul_http
