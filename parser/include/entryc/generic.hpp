// The "decode view": the generic tree a Go program gets when it decodes a
// document into map[string]interface{} the way Consul does:
//
//  - decode_hcl: hcl.Decode (HCL v1 text, or JSON read by HCL's own JSON
//    parser). Blocks and objects become lists of one map, repeated blocks
//    accumulate, labelled blocks nest, repeated scalars: last one wins (its
//    type fixed by the first), integers stay integers.
//  - decode_std_json: encoding/json (what `consul config write` does for JSON
//    input): plain maps, every number a float64, last duplicate key wins.
//
// Every node remembers the AST value (and map entries the key) it came from,
// so later stages can point at the source.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "entryc/arena.hpp"
#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/source.hpp"

namespace entryc::generic {

enum class Kind : std::uint8_t { null, boolean, integer, floating, string, list, map };

struct Node;

struct Entry {
  std::string_view key;
  const ast::Key* origin_key;  // where the key was written (first occurrence)
  Node* value;
};

struct Node {
  Kind kind = Kind::null;
  bool of_maps = false;  // a Go []map[string]interface{} (blocks/objects), not []interface{}
  const ast::Value* origin = nullptr;
  union {
    bool b;
    std::int64_t i;
    double d;
  } num{};
  const void* data = nullptr;  // string chars / Node** / Entry*
  std::uint32_t size = 0;
  std::uint32_t cap = 0;

  std::string_view str() const { return {static_cast<const char*>(data), size}; }
  std::span<Node* const> items() const { return {static_cast<Node* const*>(data), size}; }
  std::span<const Entry> entries() const { return {static_cast<const Entry*>(data), size}; }
  const Node* get(std::string_view key) const;
};

struct Tree {
  Node* root = nullptr;  // a map, or null when decoding failed
  // Exactly the error the reference decoder returns (hcl.Decode /
  // json.Unmarshal), or empty. The same text is on the reported diagnostic.
  std::string reference_error;
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
};

Tree decode_hcl(const ast::Document& doc, const SourceFile& file, diag::Sink& sink);
Tree decode_std_json(const ast::Document& doc, const SourceFile& file, diag::Sink& sink);

// Canonical JSON, byte-identical to hcl1ref's: keys sorted bytewise, no HTML
// escaping, floats like encoding/json but an integral float keeps ".0".
// KeyOrder::as_written keeps each map's keys in the order of the tree.
enum class KeyOrder { sorted, as_written };
void write_json(const Node* n, std::string& out, bool indent = false, KeyOrder order = KeyOrder::sorted);
// One JSON string the way encoding/json writes it (invalid UTF-8 becomes
// U+FFFD, no HTML escaping).
void write_json_string(std::string_view s, std::string& out);

}  // namespace entryc::generic
