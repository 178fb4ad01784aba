// Reading the members of the JSON documents the backend gets (the project,
// plan operations, Consul's answers) without throwing: a member of the wrong
// type reads as empty. (nlohmann's value() trips GCC's -Wnull-dereference.)
#pragma once

#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

namespace entryc::consul_http {

using Json = nlohmann::ordered_json;

// A string member, or "".
inline std::string text(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline bool flag(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// An object or array member, or an empty one.
inline const Json& object(const Json& j, const char* key) {
  static const Json kEmpty = Json::object();
  const auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}
inline const Json& array(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

// `s` without leading and trailing white space.
inline std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

}  // namespace entryc::consul_http
