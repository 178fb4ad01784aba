// exported-services: the server's write path (decode, Normalize, Validate;
// §2.2–2.3) and the compiled form export resolution uses (§2.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "config_entries.hpp"

namespace entryc::runtime::exports {

// PUT /v1/config for an exported-services body of `partition`. On success
// `out` is the entry as GET /v1/config returns it, without Raft indexes.
std::optional<config::Rejection> normalize(const Json& body, bool enterprise, std::string_view partition, Json& out);

struct Service {
  Id ns = kNoId;                        // `*`: every namespace (Enterprise)
  Id name = kNoId;                      // `*`: every registered service of the namespace
  std::vector<Id> peers;                // consumers by local peer name
  std::vector<std::string> partitions;  // partition consumers (listed, not resolved: CE ignores them)
  std::uint32_t index = 0;              // position in Services
};

struct Compiled {
  std::vector<Service> services;
};

// `*` must already be interned in `names`.
Compiled compile(const Json& stored, bool enterprise, Interner& names);

}  // namespace entryc::runtime::exports
