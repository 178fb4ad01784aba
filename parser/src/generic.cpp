// The decode view. decode_hcl is a port of hashicorp/hcl v1's decoder
// (decoder.go) restricted to what decoding into map[string]interface{}
// exercises: decodeInterface, decodeMap, decodeSlice and the scalar cases,
// with the same traversal order, the same type lattice for repeated keys and
// the same error texts. JSON read by HCL's parser is first flattened like
// hcl/json/parser/flatten.go.
#include "entryc/generic.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "entryc/go_strconv.hpp"
#include "entryc/utf8.hpp"
#include "go_pos.hpp"

namespace entryc::generic {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const Entry& e : entries()) {
    if (e.key == key) return e.value;
  }
  return nullptr;
}

namespace {

using diag::Diagnostic;
using diag::Severity;

// A number as shown in a summary: a 100,000-digit literal is cut short (the
// range still covers all of it).
std::string shown(std::string_view lex) { return utf8::sanitize(lex, 40); }

template <typename T>
void push(Arena& arena, Node& n, const T& v) {
  if (n.size == n.cap) {
    const std::uint32_t cap = n.cap ? n.cap * 2 : 4;
    T* fresh = static_cast<T*>(arena.allocate(sizeof(T) * cap, alignof(T)));
    if (n.size) std::memcpy(static_cast<void*>(fresh), n.data, sizeof(T) * n.size);
    n.data = fresh;
    n.cap = cap;
  }
  static_cast<T*>(const_cast<void*>(n.data))[n.size++] = v;
}

// Lazily rendered decoder path ("root.Sources[0].Name") for error texts.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;
  long index = -1;
  std::string str() const {
    std::string s = parent ? parent->str() : std::string("root");
    if (!parent) return s;
    if (index >= 0) return s + "[" + std::to_string(index) + "]";
    return s + "." + std::string(key);
  }
};

// HashiCorp's AST node types, over our AST.
enum class GT : std::uint8_t { list, item, object, array, literal };
struct GNode {
  GT t;
  std::span<const ast::Member> list{};  // GT::list
  const ast::Member* item = nullptr;    // GT::item
  const ast::Value* v = nullptr;        // object, array, literal
};

const char* go_type(GT t) {
  switch (t) {
    case GT::list: return "*ast.ObjectList";
    case GT::item: return "*ast.ObjectItem";
    case GT::object: return "*ast.ObjectType";
    case GT::array: return "*ast.ListType";
    case GT::literal: return "*ast.LiteralType";
  }
  return "?";
}

GNode of_value(const ast::Value* v) {
  switch (v->kind) {
    case ast::Kind::object: return {GT::object, {}, nullptr, v};
    case ast::Kind::array: return {GT::array, {}, nullptr, v};
    default: return {GT::literal, {}, nullptr, v};
  }
}

std::string user_path(const Path& p) {
  std::string s = p.str();
  if (s.rfind("root.", 0) == 0) return s.substr(5);
  return s == "root" ? std::string("(top level)") : s;
}

struct Failure {
  std::string reference;  // HashiCorp's error text
  std::string summary;
  std::string detail;
  std::uint32_t begin = 0, end = 0;
};

const char* describe_kind(Kind k, bool of_maps) {
  switch (k) {
    case Kind::null: return "null";
    case Kind::boolean: return "a bool";
    case Kind::integer: return "an integer";
    case Kind::floating: return "a float";
    case Kind::string: return "a string";
    case Kind::list: return of_maps ? "a block" : "a list";
    case Kind::map: return "an object";
  }
  return "a value";
}

const char* describe_gnode(const GNode& n) {
  switch (n.t) {
    case GT::list:
    case GT::item: return "a labelled block";
    case GT::object: return "a block";
    case GT::array: return "a list";
    case GT::literal:
      switch (n.v->kind) {
        case ast::Kind::boolean: return "a bool";
        case ast::Kind::integer: return "an integer";
        case ast::Kind::floating: return "a float";
        case ast::Kind::null: return "null";
        default: return "a string";
      }
  }
  return "a value";
}

class HclDecoder {
 public:
  HclDecoder(const ast::Document& doc, const SourceFile& file, Arena& arena)
      : doc_(doc), file_(file), arena_(arena), json_(doc.syntax == ast::Syntax::json) {}

  Node* run(std::optional<Failure>& failure) {
    Node* root = nullptr;
    const GNode top{GT::list, list_of(doc_.root)};
    Path p;
    decode(p, top, root, false);
    failure = std::move(fail_);
    return failure ? nullptr : root;
  }

 private:
  // --- positions (Go's node.Pos()) ---
  GoPos go_pos(std::uint32_t offset) const {
    if (json_) return {};
    const Position p = file_.position(offset);
    return {offset, p.line, p.column};
  }
  GoPos pos_of(const GNode& n) const {
    switch (n.t) {
      case GT::list:
        if (n.list.empty() || n.list[0].nkeys == 0) return {};
        return go_pos(n.list[0].key().begin);
      case GT::item: return n.item->nkeys ? go_pos(n.item->key().begin) : GoPos{};
      default: return go_pos(n.v->begin);
    }
  }
  std::pair<std::uint32_t, std::uint32_t> range_of(const GNode& n) const {
    switch (n.t) {
      case GT::list:
        if (n.list.empty()) return {0, 0};
        return {n.list[0].begin(), n.list[0].end()};
      case GT::item: return {n.item->begin(), n.item->end()};
      default: return {n.v->begin, n.v->end};
    }
  }

  // --- errors: the first one ends decoding, as in HashiCorp's decoder ---
  bool failed() const { return fail_.has_value(); }
  void pos_error(const GNode& at, std::string msg, std::string summary, std::string detail = {}) {
    if (fail_) return;
    Failure f;
    f.reference = "At " + pos_of(at).str() + ": " + msg;
    f.summary = std::move(summary);
    f.detail = std::move(detail);
    std::tie(f.begin, f.end) = range_of(at);
    fail_ = std::move(f);
  }
  void plain_error(std::string msg, std::uint32_t begin, std::uint32_t end, std::string summary,
                   std::string detail = {}) {
    if (fail_) return;
    fail_ = Failure{std::move(msg), std::move(summary), std::move(detail), begin, end};
  }
  void conflict(const Path& path, const GNode& at, const char* what, const Node* have) {
    pos_error(at, fmt::format("{}: {} {}", path.str(), what, go_type(at.t)),
              fmt::format("'{}' is {} here but {} earlier", user_path(path), describe_gnode(at),
                          have ? describe_kind(have->kind, have->of_maps) : "something else"),
              "HCL v1 merges repeated keys, and the first occurrence fixes the type; give the key one type or "
              "remove the duplicate.");
  }
  void bad_string(std::uint32_t begin, std::uint32_t end) {
    const std::string_view raw = doc_.text.substr(begin, end - begin);
    std::string folded;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (!json_ && raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
      folded.push_back(raw[i]);
    }
    plain_error(fmt::format("panic in hcl: unquote {} err: invalid syntax", folded), begin, end,
                "invalid string literal",
                "HashiCorp's decoder cannot unquote this string (an escape outside the valid range, such as "
                "\\777 or \\UFFFFFFFF, or a U+FFFD character inside ${...}).");
  }

  std::span<const ast::Member> list_of(const ast::Value* obj) {
    if (!json_) return obj->members();
    auto it = flat_.find(obj);
    if (it != flat_.end()) return it->second;
    const std::size_t mark = flat_members_.size();
    std::vector<ast::Key>& keys = flat_keys_;
    for (const ast::Member& m : obj->members()) {
      keys.assign(m.keys().begin(), m.keys().end());
      expand(keys, m.value, m.op, flat_members_);
    }
    const auto span = arena_.copy(std::span<const ast::Member>(flat_members_.data() + mark, flat_members_.size() - mark));
    flat_members_.resize(mark);
    flat_.emplace(obj, span);
    return span;
  }
  // hcl/json/parser/flatten.go: an object all of whose members are objects,
  // and a list all of whose items are objects, are split into items.
  void expand(std::vector<ast::Key>& keys, const ast::Value* v, std::uint32_t op, std::vector<ast::Member>& out) {
    if (v->kind == ast::Kind::object && v->count > 0 &&
        std::all_of(v->members().begin(), v->members().end(),
                    [](const ast::Member& s) { return s.value->kind == ast::Kind::object; })) {
      for (const ast::Member& s : v->members()) {
        const std::size_t n = keys.size();
        keys.insert(keys.end(), s.keys().begin(), s.keys().end());
        expand(keys, s.value, op, out);
        keys.resize(n);
      }
      return;
    }
    if (v->kind == ast::Kind::array && v->count > 0 &&
        std::all_of(v->items().begin(), v->items().end(),
                    [](const ast::Value* e) { return e->kind == ast::Kind::object; })) {
      for (const ast::Value* e : v->items()) expand(keys, e, op, out);
      return;
    }
    ast::Member m;
    m.nkeys = static_cast<std::uint32_t>(keys.size());
    m.keys_ptr = arena_.copy(std::span<const ast::Key>(keys)).data();
    m.op = op;
    m.value = const_cast<ast::Value*>(v);
    out.push_back(m);
  }

  Node* make(Kind k, const ast::Value* origin) {
    Node* n = arena_.make<Node>();
    n->kind = k;
    n->origin = origin;
    return n;
  }

  // decoder.decode
  void decode(const Path& path, const GNode& node, Node*& slot, bool iface) {
    if (failed()) return;
    enum { kIface, kMap, kSlice, kBool, kFloat, kInt, kString } k;
    if (!iface) {
      k = kMap;
    } else if (!slot) {
      k = kIface;
    } else {
      switch (slot->kind) {
        case Kind::map: k = kMap; break;
        case Kind::list: k = kSlice; break;
        case Kind::boolean: k = kBool; break;
        case Kind::floating: k = kFloat; break;
        case Kind::integer: k = kInt; break;
        default: k = kString; break;
      }
    }
    // HashiCorp's decoder keeps a stack of the kinds being decoded; only its
    // top matters (decodeInterface asks whether it is a slice).
    const char saved_top = top_;
    if (k != kIface) top_ = k == kSlice ? 's' : k == kMap ? 'm' : 'o';
    switch (k) {
      case kIface: decode_interface(path, node, slot); break;
      case kMap: decode_map(path, node, slot); break;
      case kSlice: decode_slice(path, node, *slot); break;
      case kBool: decode_bool(path, node, *slot); break;
      case kFloat: decode_float(path, node, *slot); break;
      case kInt: decode_int(path, node, *slot); break;
      case kString: decode_string(path, node, *slot); break;
    }
    top_ = saved_top;
  }

  void decode_interface(const Path& path, const GNode& node, Node*& slot) {
    GT test = node.t;
    std::size_t n_items = 0;
    if (node.t == GT::object) {
      test = GT::list;
      n_items = list_of(node.v).size();
    }
    if (node.t == GT::list) n_items = node.list.size();
    Node* made = nullptr;
    switch (test) {
      case GT::list: {
        const ast::Value* origin = node.t == GT::object ? node.v : (node.list.empty() ? nullptr : node.list[0].value);
        if (top_ == 0 || top_ == 's') {
          made = make(Kind::map, origin);
        } else {
          made = make(Kind::list, origin);
          made->of_maps = true;
          (void)n_items;
        }
        break;
      }
      case GT::array: made = make(Kind::list, node.v); break;
      case GT::literal:
        switch (node.v->kind) {
          case ast::Kind::boolean: made = make(Kind::boolean, node.v); break;
          case ast::Kind::floating: made = make(Kind::floating, node.v); break;
          case ast::Kind::integer: made = make(Kind::integer, node.v); break;
          default: made = make(Kind::string, node.v); break;  // strings, heredocs, JSON null
        }
        break;
      default: {
        const auto [b, e] = range_of(node);
        plain_error(fmt::format("{}: cannot decode into interface: {}", path.str(), go_type(node.t)), b, e,
                    fmt::format("'{}' mixes a labelled block with other values", user_path(path)),
                    "HCL v1 cannot decode a key written both as a labelled block and as a plain value.");
        return;
      }
    }
    slot = made;
    decode(path, node, slot, true);
  }

  void decode_bool(const Path& path, const GNode& node, Node& out) {
    if (node.t == GT::literal && node.v->kind == ast::Kind::boolean) {
      out.num.b = node.v->boolean();
      out.origin = node.v;
      return;
    }
    conflict(path, node, "unknown type", &out);
  }

  void decode_float(const Path& path, const GNode& node, Node& out) {
    if (node.t == GT::literal && (node.v->kind == ast::Kind::floating || node.v->kind == ast::Kind::integer)) {
      const std::string_view lex = doc_.lexeme(*node.v);
      const gostr::FloatResult r = gostr::parse_float(lex);
      if (!r.ok()) {
        plain_error(r.error, node.v->begin, node.v->end,
                    r.error.find("out of range") != std::string::npos
                        ? fmt::format("number {} is out of range for a 64-bit float", shown(lex))
                        : fmt::format("invalid number '{}'", shown(lex)));
        return;
      }
      out.num.d = r.value;
      out.origin = node.v;
      return;
    }
    conflict(path, node, "unknown type", &out);
  }

  void decode_int(const Path& path, const GNode& node, Node& out) {
    if (node.t == GT::literal && node.v->kind == ast::Kind::integer) {
      const std::string_view lex = doc_.lexeme(*node.v);
      const gostr::IntResult r = gostr::parse_int(lex);
      if (!r.ok()) {
        plain_error(r.error, node.v->begin, node.v->end,
                    r.error.find("out of range") != std::string::npos
                        ? fmt::format("integer {} does not fit in 64 bits", shown(lex))
                        : fmt::format("invalid integer '{}'", shown(lex)),
                    r.error.find("out of range") != std::string::npos
                        ? "HCL v1 integers are signed 64-bit; quote the value if it is an identifier, not a number."
                        : "In HCL v1 a leading 0 makes an integer octal, so only the digits 0-7 may follow it. Remove "
                          "the leading zero or quote the value.");
        return;
      }
      out.num.i = r.value;
      out.origin = node.v;
      return;
    }
    if (node.t == GT::literal && (node.v->kind == ast::Kind::string || node.v->kind == ast::Kind::null)) {
      if (node.v->has(ast::kBadString)) return bad_string(node.v->begin, node.v->end);
      const gostr::IntResult r = gostr::parse_int(node.v->string());
      if (!r.ok()) {
        plain_error(r.error, node.v->begin, node.v->end,
                    fmt::format("'{}' was an integer earlier, but \"{}\" is not an integer", user_path(path),
                                node.v->string()),
                    "HCL v1 converts a repeated key to the type of its first occurrence.");
        return;
      }
      out.num.i = r.value;
      out.origin = node.v;
      return;
    }
    conflict(path, node, "unknown type", &out);
  }

  void decode_string(const Path& path, const GNode& node, Node& out) {
    if (node.t == GT::literal && node.v->kind == ast::Kind::integer) {
      const std::string_view lex = doc_.lexeme(*node.v);
      out.data = lex.data();
      out.size = static_cast<std::uint32_t>(lex.size());
      out.origin = node.v;
      return;
    }
    if (node.t == GT::literal && (node.v->kind == ast::Kind::string || node.v->kind == ast::Kind::null)) {
      if (node.v->has(ast::kBadString)) return bad_string(node.v->begin, node.v->end);
      const std::string_view s = node.v->string();
      out.data = s.data();
      out.size = static_cast<std::uint32_t>(s.size());
      out.origin = node.v;
      return;
    }
    conflict(path, node, "unknown type for string", &out);
  }

  bool filter(std::span<const ast::Member> list, std::string_view key, std::vector<ast::Member>& out) {
    for (const ast::Member& m : list) {
      if (m.nkeys < 1) continue;
      const ast::Key& k = m.key();
      if (k.flags & ast::Key::kBadString) {
        bad_string(k.begin, k.end);
        return false;
      }
      const std::string_view name = k.name();
      if (name != key) {
        // Two different ASCII first letters (case aside) can never fold equal.
        if (!name.empty() && !key.empty()) {
          const auto a = static_cast<unsigned char>(name[0]), b = static_cast<unsigned char>(key[0]);
          if (a < 0x80 && b < 0x80 && (a | 0x20) != (b | 0x20)) continue;
        }
        if (!utf8::equal_fold(name, key)) continue;
      }
      ast::Member c = m;
      c.keys_ptr += 1;
      c.nkeys -= 1;
      out.push_back(c);
    }
    return true;
  }

  void decode_map(const Path& path, GNode node, Node*& slot) {
    if (node.t == GT::item) node = GNode{GT::list, std::span<const ast::Member>(node.item, 1)};
    if (node.t == GT::object) node = GNode{GT::list, list_of(node.v)};
    if (node.t != GT::list) {
      const Node* have = slot;
      pos_error(node, fmt::format("{}: not an object type for map ({})", path.str(), go_type(node.t)),
                fmt::format("'{}' is {} here but a block earlier", user_path(path), describe_gnode(node)),
                "HCL v1 merges repeated keys, and the first occurrence fixes the type.");
      (void)have;
      return;
    }
    Node* map = slot;
    if (!map) {
      map = make(Kind::map, node.list.empty() ? nullptr : node.list[0].value);
      // One entry per item at most: reserve them at once.
      const auto n = static_cast<std::uint32_t>(node.list.size());
      if (n > 0) {
        map->data = arena_.allocate(sizeof(Entry) * n, alignof(Entry));
        map->cap = n;
      }
      slot = map;
    }
    std::vector<std::string_view> done;
    for (const ast::Member& item : node.list) {
      if (failed()) return;
      if (!item.value) continue;
      if (item.nkeys == 0) {
        pos_error(node, fmt::format("{}: map must have string keys", path.str()),
                  fmt::format("'{}' mixes a labelled block with a plain value", user_path(path)),
                  "HCL v1 cannot decode a key written both as a labelled block and as an attribute.");
        return;
      }
      const ast::Key& k0 = item.key();
      if (k0.flags & ast::Key::kBadString) return bad_string(k0.begin, k0.end);
      const std::string_view key = k0.name();
      if (std::find(done.begin(), done.end(), key) != done.end()) continue;
      GNode val = of_value(item.value);
      std::span<const ast::Member> filtered;
      if (item.nkeys > 1) {
        std::vector<ast::Member> tmp;
        if (!filter(node.list, key, tmp)) return;
        filtered = arena_.copy(std::span<const ast::Member>(tmp));
        val = GNode{GT::list, filtered};
        done.push_back(key);
      }
      Path sub{&path, key, -1};
      Entry* entry = nullptr;
      for (std::uint32_t i = 0; i < map->size; ++i) {
        Entry& e = static_cast<Entry*>(const_cast<void*>(map->data))[i];
        if (e.key == key) {
          entry = &e;
          break;
        }
      }
      Node* v = entry ? entry->value : nullptr;
      decode(sub, val, v, true);
      if (failed()) return;
      if (entry) {
        entry->value = v;
      } else {
        push(arena_, *map, Entry{key, &k0, v});
      }
    }
  }

  void decode_slice(const Path& path, const GNode& node, Node& out) {
    auto one = [&](long i, const GNode& item) {
      Node* elem = nullptr;
      Path sub{&path, {}, i};
      decode(sub, item, elem, !out.of_maps);
      if (!failed()) push(arena_, out, elem);
    };
    switch (node.t) {
      case GT::list: {
        long i = 0;
        for (const ast::Member& m : node.list) {
          if (failed()) return;
          one(i++, GNode{GT::item, {}, &m});
        }
        return;
      }
      case GT::object: one(0, node); return;
      case GT::array: {
        long i = 0;
        for (const ast::Value* e : node.v->items()) {
          if (failed()) return;
          one(i++, of_value(e));
        }
        return;
      }
      default:
        pos_error(node, fmt::format("unknown slice type: {}", go_type(node.t)),
                  fmt::format("'{}' is {} here but a list earlier", user_path(path), describe_gnode(node)));
    }
  }

  const ast::Document& doc_;
  const SourceFile& file_;
  Arena& arena_;
  bool json_;
  char top_ = 0;  // 0 (empty), 'm' map, 's' slice, 'o' other
  std::unordered_map<const ast::Value*, std::span<const ast::Member>> flat_;
  std::vector<ast::Member> flat_members_;
  std::vector<ast::Key> flat_keys_;
  std::optional<Failure> fail_;
};

Diagnostic failure_diagnostic(const ast::Document& doc, const Failure& f) {
  Diagnostic d = diag::make(Severity::error, "core-decode", f.summary, {doc.file, f.begin, f.end}, f.detail);
  d.consul_text = f.reference;
  return d;
}

// encoding/json into map[string]interface{}.
class StdJsonDecoder {
 public:
  StdJsonDecoder(const ast::Document& doc, Arena& arena) : doc_(doc), arena_(arena) {}
  Node* value(const ast::Value* v) {
    Node* n = arena_.make<Node>();
    n->origin = v;
    switch (v->kind) {
      case ast::Kind::null: n->kind = Kind::null; break;
      case ast::Kind::boolean:
        n->kind = Kind::boolean;
        n->num.b = v->boolean();
        break;
      case ast::Kind::integer:
      case ast::Kind::floating: {
        n->kind = Kind::floating;
        const std::string_view lex = doc_.lexeme(*v);
        const gostr::FloatResult r = gostr::parse_float(lex);
        if (!r.ok() && !fail_) {
          fail_ = Failure{fmt::format("json: cannot unmarshal number {} into Go value of type float64", lex),
                          fmt::format("number {} is out of range for a 64-bit float", shown(lex)),
                          "Consul decodes JSON numbers as 64-bit floats.", v->begin, v->end};
        }
        n->num.d = r.value;
        break;
      }
      case ast::Kind::string: {
        n->kind = Kind::string;
        const std::string_view s = v->string();
        n->data = s.data();
        n->size = static_cast<std::uint32_t>(s.size());
        break;
      }
      case ast::Kind::array:
        n->kind = Kind::list;
        for (const ast::Value* e : v->items()) push(arena_, *n, value(e));
        break;
      case ast::Kind::object:
        n->kind = Kind::map;
        for (const ast::Member& m : v->members()) {
          Node* child = value(m.value);
          const std::string_view key = m.key().name();
          bool replaced = false;
          for (std::uint32_t i = 0; i < n->size; ++i) {
            Entry& e = static_cast<Entry*>(const_cast<void*>(n->data))[i];
            if (e.key == key) {
              e.value = child;
              e.origin_key = &m.key();
              replaced = true;
              break;
            }
          }
          if (!replaced) push(arena_, *n, Entry{key, &m.key(), child});
        }
        break;
    }
    return n;
  }
  std::optional<Failure> fail_;

 private:
  const ast::Document& doc_;
  Arena& arena_;
};

}  // namespace

Tree decode_hcl(const ast::Document& doc, const SourceFile& file, diag::Sink& sink) {
  Tree t;
  if (!doc.root) return t;
  t.arena = std::make_unique<Arena>(doc.text.size() + 1024);
  HclDecoder d(doc, file, *t.arena);
  std::optional<Failure> failure;
  t.root = d.run(failure);
  if (failure) {
    t.reference_error = failure->reference;
    sink.report(failure_diagnostic(doc, *failure));
  }
  return t;
}

Tree decode_std_json(const ast::Document& doc, const SourceFile& file, diag::Sink& sink) {
  (void)file;
  Tree t;
  if (!doc.root) return t;
  StdJsonDecoder d(doc, *t.arena);
  t.root = d.value(doc.root);
  if (d.fail_) {
    t.reference_error = d.fail_->reference;
    t.root = nullptr;
    sink.report(failure_diagnostic(doc, *d.fail_));
  }
  return t;
}

}  // namespace entryc::generic
