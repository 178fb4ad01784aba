// What PUT /v1/config does before any kind-specific rule (§1.3–1.6, §1.9):
// kind dispatch, the server's unknown-key policy over a struct schema, Meta
// limits, and the content hash the server stores with an entry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"

namespace entryc::runtime::config {

// A request Consul's server refuses: the HTTP status and its text.
struct Rejection {
  int status = 500;
  std::string text;
};

// The kinds a server accepts (CE: no control-plane-request-limit).
bool known_kind(std::string_view kind, bool enterprise);

// "Request decoding failed: ..." problems of the kind dispatch, or "".
std::string kind_error(const Json& body, std::string& kind);

// A Go struct as mapstructure decodes it: fields matched case-insensitively
// (an exact spelling wins), alias tags, nested structs and lists of structs.
struct Schema;
struct Field {
  std::string_view name;
  const Schema* nested = nullptr;  // an object, or a list of objects, of that schema
  std::vector<std::string_view> aliases = {};
  bool enterprise_only = false;  // Namespace / Partition: unknown to a CE server
};
struct Schema {
  std::vector<Field> fields;
};

// Renames every key to its Go field name and drops nulls; keys the server
// struct does not have are reported with the CE server's texts (§1.6), e.g.
// `invalid config key "Sources[0].Namespace", namespaces are a consul enterprise feature`.
void canonicalize(Json& obj, const Schema& schema, bool enterprise, const std::string& path,
                  std::vector<std::string>& errors);

// validateConfigEntryMeta: the multierror text, or "".
std::string meta_error(const Json& meta);

// An opaque content hash of an entry (the server's `Hash`): equal entries,
// equal hashes. `entry` must not hold Hash or the Raft indexes.
std::uint64_t content_hash(const Json& entry);

// A string field of a decoded entry ("" when absent or not a string).
std::string str(const Json& obj, std::string_view key);

}  // namespace entryc::runtime::config
