// mapstructure v1.5.0 with Consul's decode hooks, over the decode view.
#include "entryc/consul_decode.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>

#include <fmt/format.h>

#include "consul_schemas.hpp"
#include "entryc/go_strconv.hpp"
#include "entryc/suggest.hpp"
#include "entryc/utf8.hpp"

namespace entryc::consul {

using Json = nlohmann::ordered_json;
using generic::Kind;
using generic::Node;
namespace sc = schema;

const char* to_string(Edition e) { return e == Edition::ce ? "ce" : "ent"; }

void PathIndex::add(std::string_view path, Located where) {
  items_.push_back({static_cast<std::uint32_t>(chars_.size()), static_cast<std::uint32_t>(path.size()), where});
  chars_.append(path);
}

std::optional<Located> PathIndex::find_exact(std::string_view path) const {
  for (auto it = items_.rbegin(); it != items_.rend(); ++it) {  // a path added twice: the later one
    if (std::string_view(chars_).substr(it->offset, it->size) == path) return it->where;
  }
  return std::nullopt;
}

std::optional<Located> PathIndex::find(std::string_view path) const {
  // A file with a few findings is answered by scanning (one pass finds the
  // longest recorded prefix); the table pays off only from dozens of lookups.
  if (indexed_ != items_.size() && ++scans_ <= 32) {
    const Item* best = nullptr;
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {  // a path added twice: the later one
      const std::size_t n = it->size;
      if (n > path.size() || (best && n <= best->size) || (n && n < path.size() && path[n] != '.' && path[n] != '[') ||
          std::string_view(chars_).substr(it->offset, n) != path.substr(0, n)) {
        continue;
      }
      if (n == path.size()) return it->where;
      best = &*it;
    }
    if (best) return best->where;
    return std::nullopt;
  }
  if (indexed_ != items_.size()) {
    // chars_ no longer grows once lookups start, but rebuild the views if it did.
    lookup_.clear();
    for (std::uint32_t i = 0; i < items_.size(); ++i) {
      lookup_[std::string_view(chars_).substr(items_[i].offset, items_[i].size)] = i;
    }
    indexed_ = items_.size();
  }
  for (;;) {
    if (const auto it = lookup_.find(path); it != lookup_.end()) return items_[it->second].where;
    const std::size_t cut = path.find_last_of(".[");
    if (cut == std::string_view::npos || cut == 0) break;
    path = path.substr(0, cut);
  }
  if (const auto it = lookup_.find(std::string_view()); it != lookup_.end()) return items_[it->second].where;
  return std::nullopt;
}

const std::vector<std::string>& known_kinds() {
  static const std::vector<std::string> k = {
      "service-defaults", "proxy-defaults",      "service-router",     "service-splitter",
      "service-resolver", "ingress-gateway",     "terminating-gateway", "service-intentions",
      "mesh",             "exported-services",   "sameness-group",     "api-gateway",
      "tcp-route",        "file-system-certificate", "inline-certificate", "http-route",
      "control-plane-request-limit", "jwt-provider"};
  return k;
}

namespace {

// Go's %v of a decoded value, for mapstructure's messages.
std::string go_value(const Node* n) {
  if (!n) return "<nil>";
  switch (n->kind) {
    case Kind::null: return "<nil>";
    case Kind::boolean: return n->num.b ? "true" : "false";
    case Kind::integer: return std::to_string(n->num.i);
    case Kind::floating: return gostr::format_float_g(n->num.d);
    case Kind::string: return std::string(n->str());
    case Kind::list: {
      std::string s = "[";
      bool first = true;
      for (const Node* e : n->items()) {
        if (!first) s += ' ';
        first = false;
        s += go_value(e);
      }
      return s + "]";
    }
    case Kind::map: {
      std::vector<const generic::Entry*> order;
      for (const generic::Entry& e : n->entries()) order.push_back(&e);
      std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->key < b->key; });
      std::string s = "map[";
      bool first = true;
      for (const generic::Entry* e : order) {
        if (!first) s += ' ';
        first = false;
        s += std::string(e->key) + ":" + go_value(e->value);
      }
      return s + "]";
    }
  }
  return "?";
}

// Go's type of a decoded value (reflect.Type.String()).
const char* go_type(const Node* n) {
  switch (n->kind) {
    case Kind::null: return "<nil>";
    case Kind::boolean: return "bool";
    case Kind::integer: return "int";
    case Kind::floating: return "float64";
    case Kind::string: return "string";
    case Kind::list: return n->of_maps ? "[]map[string]interface {}" : "[]interface {}";
    case Kind::map: return "map[string]interface {}";
  }
  return "?";
}

// reflect.Kind of a decoded value.
const char* go_kind(const Node* n) {
  switch (n->kind) {
    case Kind::null: return "invalid";
    case Kind::boolean: return "bool";
    case Kind::integer: return "int";
    case Kind::floating: return "float64";
    case Kind::string: return "string";
    case Kind::list: return "slice";
    case Kind::map: return "map";
  }
  return "?";
}

const char* describe(const Node* n) {
  switch (n->kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "a bool";
    case Kind::integer: return "an integer";
    case Kind::floating: return "a number";
    case Kind::string: return "a string";
    case Kind::list: return n->of_maps ? "a list of blocks" : "a list";
    case Kind::map: return "an object";
  }
  return "a value";
}

const char* describe(sc::T t) {
  switch (t) {
    case sc::T::string: return "a string";
    case sc::T::boolean: return "a bool";
    case sc::T::integer: return "an integer";
    case sc::T::uint64: return "a non-negative integer";
    case sc::T::time: return "an RFC 3339 time";
    case sc::T::string_map: return "an object of strings";
    case sc::T::any_map: return "an object";
    case sc::T::list: return "a list";
    case sc::T::object: return "a block";
    case sc::T::any: return "a value";
  }
  return "a value";
}

std::string join(const std::string& path, std::string_view field) {
  std::string out;
  out.reserve(path.size() + 1 + field.size());
  out += path;
  if (!path.empty()) out += '.';
  out += field;
  return out;
}

// Appends "[i]" to a path.
void append_index(std::string& path, std::size_t i) {
  char digits[24];
  char* end = digits + sizeof digits;
  char* at = end;
  do {
    *--at = static_cast<char>('0' + i % 10);
    i /= 10;
  } while (i);
  path += '[';
  path.append(at, end);
  path += ']';
}

// path[i], in one allocation.
std::string index(const std::string& path, std::size_t i) {
  std::string out;
  out.reserve(path.size() + 22);
  out += path;
  append_index(out, i);
  return out;
}

bool rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM), as time.Parse(time.RFC3339, s) accepts.
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4) || s.size() < 20 || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2) ||
      s[10] != 'T' || !digits(11, 2) || s[13] != ':' || !digits(14, 2) || s[16] != ':' || !digits(17, 2)) {
    return false;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && digits(i + 1, 2) && s[i + 3] == ':' &&
         digits(i + 4, 2);
}

class Decoder {
 public:
  Decoder(const ast::Document& doc, Edition ed, Side side, diag::Sink& sink, DecodedEntry& out)
      : doc_(doc), ed_(ed), side_(side), sink_(sink), out_(out) {}

  void root(const Node* map, const sc::Struct& spec) {
    // A field that is missing points at the start of the entry. About one
    // path per 24 bytes of source, of about 20 characters.
    const std::size_t source = doc_.root ? doc_.root->end : 0;
    out_.paths.reserve(source / 24 + 16, source);
    out_.paths.add("", {{}, {doc_.file, 0, 0}});
    path_.clear();
    out_.tree.root = decode_struct(map, spec, path_, true);
  }

  bool ok() const { return errors_ == 0; }

  // After a clean CLI decode, what the server says about what the API
  // client sends it: fields the server struct lacks in this edition.
  void server_check() {
    if (!ok()) return;
    for (const Pending& p : pending_) enterprise_on_server(p.path, p.field);
  }

 private:
  SourceRange range(const Node* n) const {
    if (!n || !n->origin) return {doc_.file, 0, 0};
    return doc_.range(*n->origin);
  }
  SourceRange range(const ast::Key* k) const { return k ? doc_.range(*k) : SourceRange{}; }
  std::string go(std::string_view go_type) const {
    std::string s(go_type);
    const std::size_t p = s.find('%');
    if (p != std::string::npos) s.replace(p, 1, side_ == Side::cli ? "api" : "structs");
    return s;
  }
  std::string wrap(const std::string& err) const {
    return side_ == Side::cli ? "Failed to decode config entry input: " + err : err;
  }

  void type_error(const std::string& path, const Node* n, const std::string& go_msg, const std::string& summary,
                  const std::string& detail = {}) {
    ++errors_;
    out_.failed.push_back(path);
    diag::Diagnostic d = diag::make(diag::Severity::error, "core-wrong-type", summary, range(n), detail);
    d.path = path;
    d.consul_text = wrap("1 error(s) decoding:\n\n* " + go_msg);
    sink_.report(std::move(d));
  }
  void mismatch(const std::string& path, const Node* n, const sc::Field& f, const std::string& go_msg) {
    type_error(path, n, go_msg,
               fmt::format("'{}' must be {}, not {}", path.empty() ? "entry" : path, describe(f.type), describe(n)),
               f.type == sc::T::object
                   ? "Write it as a block ('" + std::string(f.name) + " { ... }') or an object, once."
                   : std::string());
  }
  void expected_type(const std::string& path, const Node* n, const sc::Field& f, const char* go_target) {
    mismatch(path, n, f,
             fmt::format("'{}' expected type '{}', got unconvertible type '{}', value: '{}'", path, go_target,
                         go_type(n), go_value(n)));
  }

  void enterprise_on_server(const std::string& path, std::string_view field) {
    ++errors_;
    const bool ns = field == "Namespace";
    const std::string err = ns ? fmt::format("invalid config key {}, namespaces are a consul enterprise feature",
                                             gostr::quote(path))
                               : fmt::format("invalid config key {}", gostr::quote(path));
    const std::optional<Located> at = out_.paths.find(path);
    diag::Diagnostic d = diag::make(
        diag::Severity::error, "core-enterprise-field",
        fmt::format("'{}' is a Consul Enterprise field; Consul CE rejects this entry", path), at ? at->key : SourceRange{},
        fmt::format("`consul config write` accepts '{}' (the API client has the field, even for \"default\"), but a "
                    "CE server answers 400. Remove it, or lint with --edition ent for an Enterprise cluster.",
                    field));
    if (at && !at->key.valid()) d.subject = at->value;
    d.path = path;
    d.consul_text = fmt::format("Unexpected response code: 400 (Request decoding failed: 1 error occurred:\n\t* {})",
                                err);
    sink_.report(std::move(d));
  }

  void unknown_key(const std::string& parent, const generic::Entry& e, const sc::Struct& spec, bool at_root) {
    const std::string key(e.key);
    const std::string full = join(parent, key);
    const std::string lower = utf8::ascii_lower(key);
    if (side_ == Side::cli && at_root && lower == "kind") return;
    if (side_ == Side::server && at_root &&
        (key == "Kind" || key == "kind" || key == "CreateIndex" || key == "ModifyIndex")) {
      return;
    }
    ++errors_;
    out_.incomplete.push_back(parent);
    std::string go_msg;
    const std::string full_lower = utf8::ascii_lower(full);
    const bool enterprise = full_lower.size() >= 9 && full_lower.compare(full_lower.size() - 9, 9, "namespace") == 0;
    if (enterprise) {
      go_msg = fmt::format("invalid config key {}, namespaces are a consul enterprise feature", gostr::quote(full));
    } else if (full_lower.find("jwt") != std::string::npos) {
      go_msg = fmt::format("invalid config key {}, api-gateway jwt validation is a consul enterprise feature",
                           gostr::quote(full));
    } else {
      go_msg = fmt::format("invalid config key {}", gostr::quote(full));
    }
    std::vector<std::string_view> names;
    std::optional<std::string> alias_of;  // PeerName -> Peer (the old spelling of the peer_name alias)
    auto squash = [](std::string_view s) {
      std::string o;
      for (char c : s) {
        if (c != '_') o.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      }
      return o;
    };
    for (const sc::Field& f : spec.fields) {
      if (!available(f)) continue;
      names.push_back(f.name);
      std::string_view aliases = f.aliases;
      while (!aliases.empty()) {
        const std::size_t c = aliases.find(',');
        if (squash(aliases.substr(0, c)) == squash(key)) alias_of = f.name;
        aliases = c == std::string_view::npos ? std::string_view{} : aliases.substr(c + 1);
      }
    }
    std::string summary = fmt::format("unknown field '{}'{}", key, parent.empty() ? "" : " in " + parent);
    std::string detail;
    if (alias_of) {
      summary += fmt::format("; did you mean '{}'?", *alias_of);
      detail = fmt::format("Consul accepts '{}' and its alias '{}', but not '{}' (an older spelling).", *alias_of,
                           utf8::ascii_lower(*alias_of) == "peer" ? "peer_name" : "its snake_case alias", key);
    } else if (auto m = suggest(key, names)) {
      summary += fmt::format("; did you mean '{}'?", *m);
    } else if (enterprise || utf8::ascii_lower(key) == "partition") {
      detail = "This field exists only in Consul Enterprise; lint with --edition ent for an Enterprise cluster.";
    } else {
      std::string list;
      for (std::string_view n : names) {
        if (n == "CreateIndex" || n == "ModifyIndex" || n == "Hash" || n == "RaftIndex" || n == "Kind") continue;
        list += (list.empty() ? "" : ", ") + std::string(n);
      }
      detail = fmt::format("{} has the fields {}.", spec.name, list);
    }
    diag::Diagnostic d = diag::make(diag::Severity::error, enterprise ? "core-enterprise-field" : "core-unknown-field",
                                    std::move(summary), range(e.origin_key), std::move(detail));
    d.path = full;
    d.consul_text = wrap("1 error occurred:\n\t* " + go_msg + "\n\n");
    sink_.report(std::move(d));
  }

  bool available(const sc::Field& f) const {
    if (side_ == Side::cli) return f.sides & sc::kApi;
    return f.sides & (ed_ == Edition::ce ? sc::kServerCe : sc::kServerEnt);
  }

  struct Key {
    std::string_view name;
    const generic::Entry* entry;
    bool used = false;
    std::uint32_t sig = is_ascii(name) ? sc::signature(name) : kNoSignature;  // as sc::Field::sig
  };
  static constexpr std::uint32_t kNoSignature = ~0u;  // a non-ASCII key: compared in full

  static bool is_ascii(std::string_view s) {
    for (char c : s) {
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
  }
  static bool ascii_equal_fold(std::string_view a, std::string_view b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }

  // a == b for an all-lower-case b, ignoring ASCII case in a.
  static bool lower_equals(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
      if (c != lower[i]) return false;
    }
    return true;
  }

  // The struct's value: an object of the fields that decoded, in struct order.
  Node* decode_struct(const Node* map, const sc::Struct& spec, const std::string& path, bool at_root = false) {
    // The keys of this map, in a vector of the decoder's (one per nesting
    // depth, reused from struct to struct).
    if (depth_ == key_lists_.size()) key_lists_.emplace_back();
    std::vector<Key>& keys = key_lists_[depth_++];
    struct Leave {
      std::size_t& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    keys.clear();
    keys.reserve(map->size);
    for (const generic::Entry& e : map->entries()) keys.push_back({e.key, &e});
    // HookTranslateKeys: alias -> canonical key, unless the canonical
    // (lower-case) key is already there.
    for (const sc::Field& f : spec.fields) {
      if (!*f.aliases || !available(f)) continue;
      std::string_view aliases = f.aliases;
      while (!aliases.empty()) {
        const std::size_t c = aliases.find(',');
        const std::string_view alias = aliases.substr(0, c);
        aliases = c == std::string_view::npos ? std::string_view{} : aliases.substr(c + 1);
        for (std::size_t i = 0; i < keys.size(); ++i) {
          if (!lower_equals(keys[i].name, alias)) continue;
          const Key moved = keys[i];
          keys.erase(keys.begin() + static_cast<std::ptrdiff_t>(i));
          const std::string canonical = utf8::ascii_lower(f.name);
          const bool present = std::any_of(keys.begin(), keys.end(), [&](const Key& k) { return k.name == canonical; });
          if (present) {
            diag::Diagnostic d = diag::make(
                diag::Severity::warning, "core-alias-ignored",
                fmt::format("'{}' is ignored because '{}' is also set", moved.name, canonical),
                range(moved.entry->origin_key),
                fmt::format("Consul translates the alias '{}' to '{}' only when '{}' is not set, and then drops it "
                            "silently. Keep one of them.",
                            moved.name, f.name, canonical));
            d.path = join(path, moved.name);
            sink_.report(std::move(d));
          } else {
            keys.push_back({names_.emplace_back(canonical), moved.entry});
          }
          break;
        }
      }
    }
    const std::size_t members = entries_.size();  // this object's members, from here on
    if (at_root) entries_.push_back({"Kind", nullptr, string(arena().copy(out_.kind))});
    for (const sc::Field& f : spec.fields) {
      if (!available(f)) continue;
      // The key spelled exactly as the field, else the first that
      // strings.EqualFold matches; field names are ASCII, so an ASCII key
      // of another signature cannot match.
      const std::uint32_t sig = f.sig;
      Key* exact = nullptr;
      Key* fold = nullptr;
      for (Key& k : keys) {
        if (k.sig == sig) {
          if (k.name == f.name) {
            exact = &k;
            break;
          }
          if (!fold && ascii_equal_fold(k.name, f.name)) fold = &k;
        } else if (k.sig == kNoSignature && !fold && utf8::equal_fold(k.name, f.name)) {
          fold = &k;
        }
      }
      Key* hit = exact ? exact : fold;
      if (!hit) continue;
      hit->used = true;
      const Extend p(path_, ".", f.name);
      out_.paths.add(path_, {range(hit->entry->origin_key), range(hit->entry->value)});
      Node* value = decode(hit->entry->value, f, path_);
      const bool kind_again = at_root && f.name == "Kind";  // already first
      if (!value || kind_again) continue;
      entries_.push_back({f.name, hit->entry->origin_key, value});
      if (at_root && hit->entry->value && hit->entry->value->kind == Kind::string) {
        if (f.name == "Name") out_.name = std::string(hit->entry->value->str());
        if (f.name == "Namespace") out_.ns = std::string(hit->entry->value->str());
      }
      if (side_ == Side::cli) note_server_side(f, path_, value);
    }
    for (const Key& k : keys) {
      if (!k.used) unknown_key(path, *k.entry, spec, at_root);
    }
    return close_map(members);
  }

  // A field the API client sends but the server's struct lacks (in this
  // edition) is an error once everything else decodes; a field inside one
  // is not reported again.
  void note_server_side(const sc::Field& f, const std::string& path, const Node* value) {
    const bool on_server = (f.sides & (ed_ == Edition::ce ? sc::kServerCe : sc::kServerEnt)) != 0;
    if (on_server || (f.sides & sc::kServerIgnores)) return;
    // omitempty: "", [] and {} are not sent.
    const bool empty = f.omitempty && value->size == 0 &&
                       (value->kind == Kind::string || value->kind == Kind::list || value->kind == Kind::map);
    if (empty) return;
    while (!pending_.empty() && pending_.back().path.size() > path.size() &&
           pending_.back().path.compare(0, path.size(), path) == 0 &&
           (pending_.back().path[path.size()] == '.' || pending_.back().path[path.size()] == '[')) {
      pending_.pop_back();
    }
    pending_.push_back({path, f.name});
  }

  // Decodes one value into a field's type: the decoded value (the input
  // node itself when it needs no conversion), or null for nil or on error.
  Node* decode(const Node* n, const sc::Field& f, const std::string& path) { return decode_as(n, f.type, f, path); }

  // The decoded tree's nodes. Input nodes are shared (they are not changed).
  Arena& arena() { return *out_.tree.arena; }
  Node* node(Kind k) {
    Node* n = arena().make<Node>();
    n->kind = k;
    return n;
  }
  Node* string(std::string_view s) {
    Node* n = node(Kind::string);
    n->data = s.data();
    n->size = static_cast<std::uint32_t>(s.size());
    return n;
  }
  Node* integer(std::int64_t v) {
    Node* n = node(Kind::integer);
    n->num.i = v;
    return n;
  }
  Node* boolean(bool b) {
    Node* n = node(Kind::boolean);
    n->num.b = b;
    return n;
  }
  static Node* shared(const Node* n) { return const_cast<Node*>(n); }
  // The members (entries_) or elements (items_) pushed since `from`, as one
  // object or list; the stacks are shared by every level.
  Node* close_map(std::size_t from) {
    Node* n = node(Kind::map);
    const std::span<const generic::Entry> e(entries_.data() + from, entries_.size() - from);
    n->data = arena().copy(e).data();
    n->size = static_cast<std::uint32_t>(e.size());
    entries_.resize(from);
    return n;
  }
  Node* close_list(std::size_t from) {
    Node* n = node(Kind::list);
    const std::span<Node* const> e(items_.data() + from, items_.size() - from);
    n->data = arena().copy(e).data();
    n->size = static_cast<std::uint32_t>(e.size());
    items_.resize(from);
    return n;
  }

  // `path` is the value's path: path_, which each child extends while it is
  // decoded (Extend) and gets back as it was.
  Node* decode_as(const Node* n, sc::T type, const sc::Field& f, const std::string& path) {
    if (!n || n->kind == Kind::null) return nullptr;
    // HookWeakDecodeFromSlice: a list of blocks unwraps to its single block.
    if (n->kind == Kind::list && n->of_maps && type != sc::T::list) {
      if (n->size == 0) return nullptr;
      if (n->size == 1) n = n->items()[0];
    }
    switch (type) {
      case sc::T::string:
        switch (n->kind) {
          case Kind::string: return shared(n);
          case Kind::boolean: return string(n->num.b ? "1" : "0");
          case Kind::integer: return string(arena().copy(std::to_string(n->num.i)));
          case Kind::floating: return string(arena().copy(gostr::format_float_f(n->num.d)));
          default: expected_type(path, n, f, go(f.go_type).c_str()); return nullptr;
        }
      case sc::T::boolean: {
        switch (n->kind) {
          case Kind::boolean: return shared(n);
          case Kind::integer: return boolean(n->num.i != 0);
          case Kind::floating: return boolean(n->num.d != 0);
          case Kind::string: {
            if (n->size == 0) return boolean(false);
            if (auto b = gostr::parse_bool(n->str())) return boolean(*b);
            mismatch(path, n, f,
                     fmt::format("cannot parse '{}' as bool: strconv.ParseBool: parsing {}: invalid syntax", path,
                                 gostr::quote(n->str())));
            return nullptr;
          }
          default: expected_type(path, n, f, "bool"); return nullptr;
        }
      }
      case sc::T::integer:
      case sc::T::uint64: {
        const bool u = type == sc::T::uint64;
        switch (n->kind) {
          case Kind::integer:
            if (u && n->num.i < 0) {
              mismatch(path, n, f, fmt::format("cannot parse '{}', {} overflows uint", path, n->num.i));
              return nullptr;
            }
            return shared(n);
          case Kind::floating:
            if (u && n->num.d < 0) {
              mismatch(path, n, f, fmt::format("cannot parse '{}', {} overflows uint", path, gostr::format_float_g(n->num.d)));
              return nullptr;
            }
            return integer(static_cast<std::int64_t>(std::trunc(n->num.d)));
          case Kind::boolean: return integer(n->num.b ? 1 : 0);
          case Kind::string: {
            if (n->size == 0) return integer(0);
            const gostr::IntResult r = u ? gostr::parse_uint(n->str()) : gostr::parse_int(n->str());
            if (!r.ok()) {
              mismatch(path, n, f, fmt::format("cannot parse '{}' as {}: {}", path, u ? "uint" : "int", r.error));
              return nullptr;
            }
            return integer(r.value);
          }
          default: expected_type(path, n, f, u ? "uint64" : "int"); return nullptr;
        }
      }
      case sc::T::time:
        if (n->kind == Kind::string) {
          if (rfc3339(n->str())) return shared(n);
          mismatch(path, n, f,
                   fmt::format("error decoding '{}': parsing time {} as \"2006-01-02T15:04:05Z07:00\": cannot parse",
                               path, gostr::quote(n->str())));
          return nullptr;
        }
        if (n->kind != Kind::map) {
          mismatch(path, n, f, fmt::format("'{}' expected a map, got '{}'", path, go_kind(n)));
          return nullptr;
        }
        return node(Kind::map);  // time.Time has no exported fields
      case sc::T::string_map:
      case sc::T::any_map: {
        // Keys in first-seen order; a repeated key (lists of maps merge) keeps the last value.
        const std::size_t members = entries_.size();
        auto merge = [&](const Node* map) {
          for (const generic::Entry& e : map->entries()) {
            const Extend p(path_, "[", e.key, "]");
            out_.paths.add(path_, {range(e.origin_key), range(e.value)});
            static const sc::Field kString{"", sc::T::string, "string"};
            Node* value = type == sc::T::any_map ? shared(e.value) : decode_as(e.value, sc::T::string, kString, path_);
            if (type == sc::T::string_map && !value) continue;
            auto it = std::find_if(entries_.begin() + static_cast<std::ptrdiff_t>(members), entries_.end(),
                                   [&](const generic::Entry& kv) { return kv.key == e.key; });
            if (it != entries_.end()) {
              it->value = value;
            } else {
              entries_.push_back({e.key, e.origin_key, value});
            }
          }
        };
        if (n->kind == Kind::map) {
          merge(n);
        } else if (n->kind == Kind::list) {  // weakly typed: a list of maps merges
          for (const Node* e : n->items()) {
            if (e->kind != Kind::map) {
              entries_.resize(members);
              mismatch(path, n, f, fmt::format("'{}' expected a map, got '{}'", path, go_kind(e)));
              return nullptr;
            }
            merge(e);
          }
        } else {
          mismatch(path, n, f, fmt::format("'{}' expected a map, got '{}'", path, go_kind(n)));
          return nullptr;
        }
        return close_map(members);
      }
      case sc::T::list: {
        const std::size_t elements = items_.size();
        auto one = [&](const Node* e, std::size_t i) {
          const Extend p(path_, i);
          out_.paths.add(path_, {{}, range(e)});
          sc::Field ef{"", f.elem, f.elem == sc::T::object ? f.object->name : "string", f.object};
          Node* value = decode_as(e, f.elem, ef, path_);
          // A nil element is the element type's zero value.
          items_.push_back(value ? value : node(f.elem == sc::T::object ? Kind::map : Kind::null));
        };
        if (n->kind == Kind::list) {
          std::size_t i = 0;
          for (const Node* e : n->items()) one(e, i++);
        } else if (n->kind == Kind::map && n->size == 0) {
          // an empty object is an empty list
        } else {
          one(n, 0);  // any other value is lifted into a list of one
        }
        return close_list(elements);
      }
      case sc::T::object:
        if (n->kind != Kind::map) {
          mismatch(path, n, f, fmt::format("'{}' expected a map, got '{}'", path, go_kind(n)));
          return nullptr;
        }
        return decode_struct(n, *f.object, path);
      case sc::T::any: return shared(n);
    }
    return nullptr;
  }

  // Appends a step to a path for as long as it lives: ".Name", "[3]", "[key]".
  struct Extend {
    Extend(std::string& path, std::string_view open, std::string_view key, std::string_view close = {})
        : path_(path), size_(path.size()) {
      if (!(open == "." && path.empty())) path += open;
      path += key;
      path += close;
    }
    Extend(std::string& path, std::size_t i) : path_(path), size_(path.size()) { append_index(path, i); }
    Extend(const Extend&) = delete;
    Extend& operator=(const Extend&) = delete;
    ~Extend() { path_.resize(size_); }
    std::string& path_;
    std::size_t size_;
  };

  const ast::Document& doc_;
  Edition ed_;
  Side side_;
  diag::Sink& sink_;
  DecodedEntry& out_;
  std::vector<generic::Entry> entries_;  // members of the objects being decoded (close_map)
  std::vector<Node*> items_;             // elements of the lists being decoded (close_list)
  int errors_ = 0;
  struct Pending {
    std::string path;
    std::string_view field;
  };
  std::vector<Pending> pending_;  // fields the server would reject (server_check)
  std::deque<std::string> names_;  // canonical keys made from aliases (stable addresses)
  std::string path_;               // the path of the value being decoded (see decode_as)
  std::deque<std::vector<Key>> key_lists_;  // decode_struct's, by depth (stable addresses)
  std::size_t depth_ = 0;
};

void kind_error(diag::Sink& sink, const ast::Document& doc, SourceRange at, const char* code, std::string summary,
                std::string detail, const std::string& go_msg, Side side) {
  diag::Diagnostic d = diag::make(diag::Severity::error, code, std::move(summary), at, std::move(detail));
  d.consul_text = side == Side::cli ? "Failed to decode config entry input: " + go_msg : go_msg;
  (void)doc;
  sink.report(std::move(d));
}

}  // namespace

nlohmann::ordered_json to_json(const generic::Node* n) {
  if (!n) return nullptr;
  switch (n->kind) {
    case Kind::null: return nullptr;
    case Kind::boolean: return n->num.b;
    case Kind::integer: return n->num.i;
    case Kind::floating: return n->num.d;
    case Kind::string: return std::string(n->str());
    case Kind::list: {
      Json a = Json::array();
      for (const Node* e : n->items()) a.push_back(to_json(e));
      return a;
    }
    case Kind::map: {
      Json o = Json::object();
      for (const generic::Entry& e : n->entries()) o[std::string(e.key)] = to_json(e.value);
      return o;
    }
  }
  return nullptr;
}

namespace {
void index_into(const ast::Document& doc, const Node* n, const std::string& path, SourceRange key, PathIndex& idx) {
  if (!n) return;
  idx.add(path, {key, n->origin ? doc.range(*n->origin) : SourceRange{doc.file, 0, 0}});
  if (n->kind == Kind::list) {
    std::size_t i = 0;
    for (const Node* e : n->items()) index_into(doc, e, index(path, i++), {}, idx);
  } else if (n->kind == Kind::map) {
    for (const generic::Entry& e : n->entries()) {
      index_into(doc, e.value, path_segment(path, e.key), e.origin_key ? doc.range(*e.origin_key) : SourceRange{},
                 idx);
    }
  }
}
}  // namespace

std::string path_segment(const std::string& path, std::string_view key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  // Quoted the way plugins quote it: they see the key as the host's JSON
  // wrote it, each invalid UTF-8 byte (an HCL "\333" escape) as U+FFFD.
  if (!plain) return path + "[" + nlohmann::json(utf8::sanitize(key)).dump() + "]";
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

PathIndex index_generic(const ast::Document& doc, const generic::Node* root) {
  PathIndex idx;
  index_into(doc, root, "", {}, idx);
  return idx;
}

DecodeResult decode_config_entry(const ast::Document& doc, const generic::Tree& tree, Edition edition, Side side,
                                 diag::Sink& sink, std::string_view assumed_kind, bool text) {
  DecodeResult r;
  const Node* root = tree.root;
  const SourceRange file_start{doc.file, 0, 0};
  if (!root || root->kind != Kind::map) return r;
  const generic::Entry* kind_entry = nullptr;
  for (const generic::Entry& e : root->entries()) {
    if (e.key == "Kind") kind_entry = &e;
  }
  if (!kind_entry) {
    for (const generic::Entry& e : root->entries()) {
      if (e.key == "kind") kind_entry = &e;
    }
  }
  if (!kind_entry) {
    std::string detail = "Every config entry names its kind: Kind = \"service-intentions\", for example.";
    for (const generic::Entry& e : root->entries()) {
      if (utf8::ascii_lower(e.key) == "kind") {
        detail = fmt::format("Consul looks for exactly 'Kind' or 'kind'; '{}' is not found.", e.key);
      }
    }
    kind_error(sink, doc, file_start, "core-missing-kind", "config entry has no 'Kind'", std::move(detail),
               "Payload does not contain a kind/Kind key at the top level", side);
    if (assumed_kind.empty() || !sc::find(assumed_kind)) return r;
  }
  std::string kind;
  SourceRange kind_range = file_start;
  if (kind_entry) {
    const Node* kv = kind_entry->value;
    if (kv && kv->kind == Kind::list && kv->of_maps && kv->size == 1) kv = kv->items()[0];
    if (!kv || kv->kind != Kind::string) {
      kind_error(sink, doc, kv && kv->origin ? doc.range(*kv->origin) : file_start, "core-wrong-type",
                 "'Kind' must be a string", "Write Kind = \"service-intentions\", for example.",
                 "Kind value in payload is not a string", side);
      return r;
    }
    kind = std::string(kv->str());
    kind_range = doc.range(*kv->origin);
  } else {
    kind = std::string(assumed_kind);
  }
  const auto& known = known_kinds();
  if (std::find(known.begin(), known.end(), kind) == known.end()) {
    std::vector<std::string_view> names(known.begin(), known.end());
    std::string summary = fmt::format("unknown config entry kind '{}'", kind);
    if (auto m = suggest(kind, names)) summary += fmt::format("; did you mean '{}'?", *m);
    kind_error(sink, doc, kind_range, "core-unknown-kind", std::move(summary),
               "Kinds are case-sensitive and singular or plural exactly as Consul names them.",
               "invalid config entry kind: " + kind, side);
    return r;
  }
  DecodedEntry entry;
  entry.kind = kind;
  const sc::Kind* spec = sc::find(kind);
  if (!spec) {
    entry.checked_kind = false;
    entry.json = "{\"Kind\":";
    generic::write_json_string(kind, entry.json);
    entry.json += "}";
    diag::Diagnostic d = diag::make(diag::Severity::note, "core-kind-not-checked",
                                    fmt::format("entryc does not check '{}' entries", kind), kind_range,
                                    "Only the syntax of this entry was checked; entryc validates exported-services "
                                    "and service-intentions entries and ACL rules.");
    sink.report(std::move(d));
    r.entry = std::move(entry);
    r.ok = true;
    return r;
  }
  Decoder dec(doc, edition, side, sink, entry);
  dec.root(root, *spec->root);
  if (text) generic::write_json(entry.tree.root, entry.json, false, generic::KeyOrder::as_written);
  bool ok = dec.ok() && kind_entry != nullptr;
  if (side == Side::cli) {
    dec.server_check();
    ok = ok && dec.ok();
  }
  r.entry = std::move(entry);
  r.ok = ok;
  return r;
}

}  // namespace entryc::consul
