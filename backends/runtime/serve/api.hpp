// The Consul HTTP API subset `entryc serve` answers (docs/serve.md), mapped
// onto one runtime World shared by every listener: listener i serves
// cluster clusters[i]. Statuses and error texts are Consul's, taken from the
// World's Results (../shared/consul-semantics.md §5.8, §6) or, for what the
// HTTP layer itself rejects, from §0.2, §1.10, §4.8 and §6.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http.hpp"
#include "router.hpp"
#include "store.hpp"
#include "world.hpp"

namespace entryc::serve {

using runtime::Json;

struct ClusterInfo {
  std::string name;
  bool enterprise = false;
  bool acl_enabled = false;
  std::string default_policy = "allow";
};

class Api {
 public:
  // `topology` is the project document the World was built from; `store`
  // (may be null: nothing persisted) records every write; `token` is the
  // management token required when a cluster has ACLs enabled.
  Api(const Json& topology, runtime::World& world, runtime::Store* store, std::vector<std::string> clusters,
      std::string token);

  HttpResponse handle(const HttpRequest& req) const { return router_.dispatch(req); }

 private:
  struct Ctx;  // the request, its cluster, partition and namespace
  using Fn = HttpResponse (Api::*)(Ctx&, const std::string& rest) const;
  void route(const char* method, const char* path, const char* perm, Fn fn);
  HttpResponse apply(const Json& op, Ctx& c) const;
  // nullopt when the request's token may do `perm` ("peering:write"; `on`:
  // the resource name, for the message); else Consul's 403.
  std::optional<HttpResponse> authorize(const Ctx& c, const std::string& perm, const std::string& on = "") const;

  // Peerings (§5.8).
  HttpResponse peering_token(Ctx& c, const std::string& rest) const;
  HttpResponse peering_establish(Ctx& c, const std::string& rest) const;
  HttpResponse peering_list(Ctx& c, const std::string& rest) const;
  HttpResponse peering_read(Ctx& c, const std::string& rest) const;
  HttpResponse peering_delete(Ctx& c, const std::string& rest) const;
  // Config entries (§6.1).
  HttpResponse config_put(Ctx& c, const std::string& rest) const;
  HttpResponse config_get(Ctx& c, const std::string& rest) const;
  HttpResponse config_delete(Ctx& c, const std::string& rest) const;
  // Exports and intentions (§6.3, §6.4), and entryc's own peer-aware question.
  HttpResponse exported_services(Ctx& c, const std::string& rest) const;
  HttpResponse intention_check(Ctx& c, const std::string& rest) const;
  HttpResponse intention_match(Ctx& c, const std::string& rest) const;
  HttpResponse decide(Ctx& c, const std::string& rest) const;
  // ACL policies (§4.8).
  HttpResponse policy_create(Ctx& c, const std::string& rest) const;
  HttpResponse policy_update(Ctx& c, const std::string& rest) const;
  HttpResponse policy_read(Ctx& c, const std::string& rest) const;
  HttpResponse policy_read_name(Ctx& c, const std::string& rest) const;
  HttpResponse policy_delete(Ctx& c, const std::string& rest) const;
  HttpResponse policy_list(Ctx& c, const std::string& rest) const;
  // The stored policy of a partition with this ID, or null.
  Json policy_by_id(const Ctx& c, const std::string& id) const;

  runtime::World& world_;
  runtime::Store* store_;
  std::vector<ClusterInfo> clusters_;
  std::string token_;
  Router router_;
  mutable int writes_since_compact_ = 0;
};

}  // namespace entryc::serve
