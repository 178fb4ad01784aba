// Decoding a config entry the way Consul does: kind dispatch, then
// mapstructure with Consul's hooks (list-of-one-object unwrapping, alias
// keys), case-insensitive field matching, weak typing and Consul's unknown-
// key rules, for the CLI's API structs and the server's structs. Every
// problem is reported (Consul stops at the first); each decoded field keeps
// the range of its key and value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/generic.hpp"

namespace entryc::consul {

enum class Edition { ce, ent };
const char* to_string(Edition e);

// Which decoder: `consul config write` (the Go API client's structs, then
// the server's enterprise-field check on what the client sends), or the
// server's own structs applied to the text (structs.DecodeConfigEntry).
enum class Side { cli, server };

// Where a decoded value came from.
struct Located {
  SourceRange key;    // the key as the user wrote it (may be invalid: list items)
  SourceRange value;  // the value
};

// Maps paths (`Services[0].Consumers[1].Peer`) to source ranges. Adding is
// cheap (one shared character buffer); the lookup table is built on the
// first find, which most clean files never need.
class PathIndex {
 public:
  void add(std::string_view path, Located where);
  // The exact path, or the longest recorded prefix of it (a value that was
  // never written, such as a missing field, points at its parent). A path
  // added twice finds the later one.
  std::optional<Located> find(std::string_view path) const;
  // Only that exact path, by a scan: for one question about a file that
  // needs no lookup table (most clean files never build one).
  std::optional<Located> find_exact(std::string_view path) const;
  bool empty() const { return items_.empty(); }
  // Room for `paths` paths of `chars` characters in all, before adding.
  void reserve(std::size_t paths, std::size_t chars) {
    items_.reserve(paths);
    chars_.reserve(chars);
  }

 private:
  struct Item {
    std::uint32_t offset, size;
    Located where;
  };
  std::string chars_;
  std::vector<Item> items_;
  mutable std::unordered_map<std::string_view, std::uint32_t> lookup_;
  mutable std::size_t indexed_ = 0;
  mutable std::size_t scans_ = 0;  // finds answered by scanning
};

struct DecodedEntry {
  std::string kind;
  std::string name;  // the Name field, if it decoded to a string
  std::string ns;    // the Namespace field (Enterprise), likewise
  // The entry in the API's JSON shape, as compact JSON text: Kind first, Go
  // field names in struct order, lists in the user's order, values after
  // Consul's weak typing (Meta values are strings). Empty when not asked for.
  std::string json;
  // The same entry as a tree (its root is null for a kind entryc does not
  // model). It shares nodes and strings with the document's own tree, so it
  // is valid only as long as that tree is.
  generic::Tree tree;
  PathIndex paths;
  // Paths whose value failed to decode: checks on them would only repeat
  // the decode error.
  std::vector<std::string> failed;
  // Objects with an unknown key: warnings about what they lack would be
  // noise next to the unknown key itself.
  std::vector<std::string> incomplete;
  bool checked_kind = true;  // false: a kind entryc knows but does not model
};

// Result of decoding; `entry` is set when the document is a config entry of
// a known kind (even with field errors, so that later checks can run).
struct DecodeResult {
  std::optional<DecodedEntry> entry;
  bool ok = false;  // no errors
};

// The config-entry kinds Consul knows (API client list).
const std::vector<std::string>& known_kinds();

// `assumed_kind`: the kind to decode with when the entry has no Kind (still
// reported, as Consul would reject it), e.g. from `lint --kind`. `text`:
// whether to write DecodedEntry::json (the tree is always built).
DecodeResult decode_config_entry(const ast::Document& doc, const generic::Tree& tree, Edition edition, Side side,
                                 diag::Sink& sink, std::string_view assumed_kind = {}, bool text = true);

// `path` followed by member `key` in PathIndex syntax: `path.key`, or
// `path["a.b"]` for a key that is not a plain identifier.
std::string path_segment(const std::string& path, std::string_view key);

// Builds a PathIndex for a generic tree itself (for documents checked in
// their raw decoded form, like ACL rules): keys are used as written.
PathIndex index_generic(const ast::Document& doc, const generic::Node* root);

// The generic tree as JSON (lists of one map stay lists, as hcl.Decode gives them).
nlohmann::ordered_json to_json(const generic::Node* n);

}  // namespace entryc::consul
