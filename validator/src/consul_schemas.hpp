// The Go structs Consul decodes config entries into, as data: field names,
// types, alias tags and which decoder (the CLI's API client structs, the CE
// or Enterprise server structs) has each field. Field order is the structs'
// declaration order, which decides ties in case-insensitive matching.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace entryc::consul::schema {

enum class T : std::uint8_t { string, boolean, integer, uint64, time, string_map, any_map, list, object, any };

enum Side : std::uint8_t {
  kApi = 1,        // api.* structs (consul config write)
  kServerCe = 2,   // agent/structs, CE build
  kServerEnt = 4,  // agent/structs, Enterprise build
  kServer = kServerCe | kServerEnt,
  kAll = kApi | kServer,
  kApiEnt = kApi | kServerEnt,      // Namespace / Partition via acl.EnterpriseMeta
  kServerIgnores = 8,               // API-only field the server ignores by name (CreateIndex, ModifyIndex)
};

struct Struct;

// Length and first letter, folded: an ASCII key can equal a field name
// (exactly or ignoring case) only when their signatures are equal.
constexpr std::uint32_t signature(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s[0] >= 'A' && s[0] <= 'Z' ? static_cast<char>(s[0] - 'A' + 'a') : s[0];
  return static_cast<std::uint32_t>(s.size()) << 8 | static_cast<unsigned char>(c);
}

struct Field {
  std::string_view name;
  T type;
  const char* go_type;  // for mapstructure's messages; "%" stands for "api" or "structs"
  const Struct* object = nullptr;  // object, or list of object
  T elem = T::any;                 // element type of a list
  const char* aliases = "";        // comma-separated alias tags
  std::uint8_t sides = kAll;
  bool omitempty = true;           // the API client omits the zero value when it sends the entry
  std::uint32_t sig = signature(name);
};

struct Struct {
  const char* name;  // Go type name without package
  std::vector<Field> fields;
};

struct Kind {
  const char* kind;
  const Struct* root;
};

// Kinds entryc decodes field by field.
const std::vector<Kind>& kinds();
const Kind* find(std::string_view kind);

}  // namespace entryc::consul::schema
