// Building blocks for the peering-policy table tests: the seed's two peered
// clusters, and one-service entries whose positions are easy to count.
#pragma once

#include <string>

#include "project_harness.hpp"

namespace peering::test {

using entryc::test::ProjectCase;
using entryc::test::ProjectFile;

// cluster-01 (dc1, service "backend", files c1/*.hcl) generated the token
// for the peer it calls "cluster-02"; cluster-02 (dc2, "frontend", c2/*.hcl)
// established it, calling its peer "cluster-01". `c1`/`c2` go inside the
// clusters (line 5 of each), `more` after the peering (line 20).
inline std::string two_clusters(const std::string& c1 = "", const std::string& c2 = "", const std::string& more = "") {
  return "cluster \"cluster-01\" {\n"
         "  datacenter = \"dc1\"\n"
         "  services   = [\"backend\"]\n"
         "  entries    = [\"c1/*.hcl\"]\n" +
         c1 +
         "}\n"
         "cluster \"cluster-02\" {\n"
         "  datacenter = \"dc2\"\n"
         "  services   = [\"frontend\"]\n"
         "  entries    = [\"c2/*.hcl\"]\n" +
         c2 +
         "}\n"
         "peering \"p1\" {\n"
         "  acceptor           = \"cluster-01\"\n"
         "  dialer             = \"cluster-02\"\n"
         "  acceptor_peer_name = \"cluster-02\"\n"
         "  dialer_peer_name   = \"cluster-01\"\n"
         "}\n" +
         more;
}

// An exported-services entry exporting `service` to `consumers`, written
// on line 6: `    Consumers = [ <consumers> ]` (the first consumer's first
// key is at column 21).
inline std::string exports(const std::string& service, const std::string& consumers,
                           const std::string& name = "default") {
  return "Kind = \"exported-services\"\n"
         "Name = \"" + name + "\"\n"
         "Services = [\n"
         "  {\n"
         "    Name      = \"" + service + "\"\n"
         "    Consumers = [ " + consumers + " ]\n"
         "  }\n"
         "]\n";
}

// A service-intentions entry for `service` (Name on line 2, column 8) with
// one source on line 4 (its first key at column 5).
inline std::string intentions(const std::string& service, const std::string& source) {
  return "Kind = \"service-intentions\"\n"
         "Name = \"" + service + "\"\n"
         "Sources = [\n"
         "  { " + source + " }\n"
         "]\n";
}

}  // namespace peering::test
