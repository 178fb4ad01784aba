// One syntax tree for HCL1 and JSON. Every value, key and member knows its
// byte range; objects keep member order, the user's key spelling, duplicate
// members and whether a member was written as a block.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "entryc/arena.hpp"
#include "entryc/source.hpp"

namespace entryc::ast {

enum class Kind : std::uint8_t { null, boolean, integer, floating, string, array, object };

const char* to_string(Kind k);

enum Flag : std::uint8_t {
  kHeredoc = 1,     // string written as <<EOF ... EOF or <<-EOF
  kFileRoot = 2,    // the implicit top-level object of an HCL file (no braces)
  kFromJson = 4,    // produced by a JSON front end
  kBadString = 8,   // HashiCorp's unquote rejects this string (Consul fails decoding it)
};

struct Member;

struct Value {
  Kind kind = Kind::null;
  std::uint8_t flags = 0;
  std::uint32_t begin = 0;  // byte range of the value in its file
  std::uint32_t end = 0;
  std::uint32_t count = 0;     // string length / number of items / members
  const void* data = nullptr;  // chars / Value* const* / Member*

  bool boolean() const { return count != 0; }
  // Decoded string value (escapes resolved, heredoc unindented).
  std::string_view string() const { return {static_cast<const char*>(data), count}; }
  std::span<Value* const> items() const { return {static_cast<Value* const*>(data), count}; }
  std::span<const Member> members() const;
  bool has(Flag f) const { return (flags & f) != 0; }
  // The raw lexeme: numbers keep the user's spelling (0x1F, 010, 1e3).
  std::string_view lexeme(std::string_view file_text) const {
    return file_text.substr(begin, end - begin);
  }
};

struct Key {
  std::uint32_t begin = 0;  // byte range of the key token (quotes included)
  std::uint32_t end = 0;
  const char* name_ptr = nullptr;
  std::uint32_t name_len = 0;
  std::uint8_t flags = 0;
  static constexpr std::uint8_t kBadString = 1;
  std::string_view name() const { return {name_ptr, name_len}; }
};

// `k = v`, `k { }`, `k "label" { }` (HCL) or `"k": v` (JSON).
struct Member {
  const Key* keys_ptr = nullptr;
  std::uint32_t nkeys = 0;
  std::uint32_t op = 0;  // 1 + offset of '=' (HCL) or ':' (JSON); 0 for a block
  Value* value = nullptr;

  std::span<const Key> keys() const { return {keys_ptr, nkeys}; }
  const Key& key() const { return keys_ptr[0]; }
  bool is_block() const { return op == 0; }
  std::uint32_t begin() const { return nkeys ? keys_ptr[0].begin : value->begin; }
  std::uint32_t end() const { return value ? value->end : keys_ptr[nkeys - 1].end; }
};

inline std::span<const Member> Value::members() const { return {static_cast<const Member*>(data), count}; }

enum class Syntax : std::uint8_t { hcl, json };

// How a JSON document was parsed: strictly (RFC 8259, as Go's encoding/json
// and so `consul config write` reads it) or with HCL v1's lenient JSON parser
// (as `hcl.Decode` reads it).
enum class JsonDialect : std::uint8_t { strict, hcl };

struct Document {
  FileId file = kNoFile;
  std::string_view text;  // the file's bytes (owned by the SourceManager)
  Syntax syntax = Syntax::hcl;
  JsonDialect dialect = JsonDialect::strict;
  Value* root = nullptr;  // an object; null when nothing could be parsed
  bool syntax_ok = false;  // parsed without errors
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  // Byte ranges of the comments (HCL only), in file order; entryc-ignore
  // suppressions live there.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> comments;

  SourceRange range(const Value& v) const { return {file, v.begin, v.end}; }
  SourceRange range(const Key& k) const { return {file, k.begin, k.end}; }
  SourceRange range(const Member& m) const { return {file, m.begin(), m.end()}; }
  std::string_view lexeme(const Value& v) const { return v.lexeme(text); }
  std::string_view raw(const Key& k) const { return text.substr(k.begin, k.end - k.begin); }
};

// The first non-space character (Go's unicode.IsSpace) is '{': HCL v1 and
// Consul both treat such input as JSON.
bool looks_like_json(std::string_view text);

}  // namespace entryc::ast
