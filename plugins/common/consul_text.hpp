// Helpers shared by entryc's own plugins to reproduce Consul's messages.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "entryc/plugin_sdk.hpp"

namespace consul_text {

// Go's %q for the strings Consul quotes (ASCII escapes; other UTF-8 kept).
inline std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  return out + "\"";
}

// go-multierror's format.
inline std::string multierror(const std::vector<std::string>& errors) {
  std::string out = errors.size() == 1 ? "1 error occurred:\n" : std::to_string(errors.size()) + " errors occurred:\n";
  for (const std::string& e : errors) out += "\t* " + e + "\n";
  return out + "\n";
}

struct MetaProblem {
  std::string key;      // empty: the whole map
  bool value = false;   // the value (not the key) is too long
  std::string message;  // Consul's text
};

// validateConfigEntryMeta (agent/structs/config_entry.go): at most 64 pairs,
// keys up to 128 bytes, values up to 512 bytes.
inline std::vector<MetaProblem> meta_problems(const entryc::sdk::Value& meta, const char* what = "Meta") {
  std::vector<MetaProblem> out;
  if (!meta.is_object()) return out;
  if (meta.size() > 64) out.push_back({"", false, std::string(what) + " exceeds maximum element count 64"});
  for (auto it = meta.begin(); it != meta.end(); ++it) {
    if (it.key().size() > 128) {
      const std::string key(it.key());
      out.push_back({key, false, std::string(what) + " key " + quote(key) + " exceeds maximum length 128"});
    }
    if (it->is_string() && it->str().size() > 512) {
      const std::string key(it.key());
      out.push_back({key, true, std::string(what) + " value for key " + quote(key) + " exceeds maximum length 512"});
    }
  }
  return out;
}

}  // namespace consul_text
