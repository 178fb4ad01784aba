// Reading a decoded exported-services entry (the API's JSON shape) and
// Consul's Normalize() for it.
#pragma once

#include <string>
#include <string_view>

#include "entryc/plugin_sdk.hpp"

namespace exports {

using entryc::sdk::Json;
using entryc::sdk::Value;

// A string field, or "" when absent (Go's zero value).
inline std::string_view field(const Value& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->str() : std::string_view();
}

// A list field, or an empty value (no elements) when absent.
inline const Value& list(const Value& j, const char* key) {
  static const Value none;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : none;
}

// agent/structs ExportedServicesConfigEntry.Normalize (CE): every service's
// Namespace becomes "" whatever was written.
entryc::sdk::Normalized normalize(const Json& entry, bool enterprise);

}  // namespace exports
