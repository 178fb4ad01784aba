// The project document of two CE clusters with ACLs on (the seed's names and
// services), for targets that need a runtime World.
#pragma once
#include <string>

#include "world.hpp"

namespace entryc::fuzz {

// Two clusters with ACLs on, each with a few services: enough for every kind
// of resource a state file holds to refer to something real.
inline const runtime::Json& two_clusters() {
  static const runtime::Json t = [] {
    runtime::Json clusters = runtime::Json::array();
    for (const char* name : {"cluster-01", "cluster-02"}) {
      clusters.push_back({{"name", name},
                          {"datacenter", std::string("dc-") + name},
                          {"region", ""},
                          {"consul_version", "1.17.1"},
                          {"edition", "ce"},
                          {"acl", {{"enabled", true}, {"default_policy", "deny"}}},
                          {"partitions", runtime::Json::array({{{"name", "default"},
                                                             {"namespaces", runtime::Json::array()},
                                                             {"services", {"frontend-service", "backend-service"}},
                                                             {"entries", runtime::Json::array()},
                                                             {"tokens", runtime::Json::array()},
                                                             {"policies", runtime::Json::array()}}})}});
    }
    return runtime::Json{{"clusters", clusters},
                      {"peerings", runtime::Json::array()},
                      {"sameness_groups", runtime::Json::array()},
                      {"entries", runtime::Json::array()}};
  }();
  return t;
}

}  // namespace entryc::fuzz
