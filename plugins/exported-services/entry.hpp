// Reading a decoded exported-services entry (the API's JSON shape) and
// Consul's Normalize() for it.
#pragma once

#include <string>
#include <string_view>

#include "entryc/plugin_sdk.hpp"

namespace exports {

using entryc::sdk::Json;

// A string field, or "" when absent (Go's zero value).
inline std::string_view field(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
}

inline const Json& list(const Json& j, const char* key) {
  static const Json empty = Json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

// agent/structs ExportedServicesConfigEntry.Normalize (CE): every service's
// Namespace becomes "" whatever was written.
entryc::sdk::Normalized normalize(const Json& entry, bool enterprise);

}  // namespace exports
