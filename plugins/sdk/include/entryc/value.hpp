// A read-only JSON tree for rules: the document a plugin checks.
//
// Rules only read the entry, so there is no need for a mutable DOM that
// allocates every string, array and member on its own. A Tree parses the JSON
// text once into one arena: nodes are trivially destructible, strings without
// escapes are views of the text itself, and the scratch space of the parser
// is reused from document to document. Value's reading interface is the one
// of nlohmann::json a rule needs (is_*, find, size, [], begin/end, items,
// key()/value(), get<T>(), value(key, fallback), dump()), so rule code reads
// the same either way; to build or change JSON, use nlohmann (to_json()).
//
// A Value is an entryc_node (plugin_abi.h) and nothing else, so a tree the
// host built (entryc_document.root) is read in place, without JSON text.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/plugin_abi.h"

namespace entryc::sdk {

class Tree;

class Value {
 public:
  enum class Type : std::uint8_t { null, boolean, integer, unsigned_integer, floating, string, array, object };

  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using pointer = const Value*;
    using reference = const Value&;

    iterator() = default;
    iterator(const Value* owner, std::size_t i) : owner_(owner), i_(i) {}
    const Value& operator*() const { return owner_->item(i_); }
    const Value* operator->() const { return &owner_->item(i_); }
    const Value& value() const { return owner_->item(i_); }
    // The member's key (objects only; arrays have none, as in nlohmann).
    std::string_view key() const {
      if (owner_->type() != Type::object) throw std::domain_error("cannot use key() for non-object iterators");
      return owner_->key_at(i_);
    }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator t = *this;
      ++i_;
      return t;
    }
    iterator& operator--() {
      --i_;
      return *this;
    }
    iterator& operator+=(difference_type n) {
      i_ += static_cast<std::size_t>(n);
      return *this;
    }
    iterator operator+(difference_type n) const { return {owner_, i_ + static_cast<std::size_t>(n)}; }
    difference_type operator-(const iterator& o) const {
      return static_cast<difference_type>(i_) - static_cast<difference_type>(o.i_);
    }
    const Value& operator[](difference_type n) const { return owner_->item(i_ + static_cast<std::size_t>(n)); }
    bool operator==(const iterator& o) const { return i_ == o.i_ && owner_ == o.owner_; }
    bool operator!=(const iterator& o) const { return !(*this == o); }
    bool operator<(const iterator& o) const { return i_ < o.i_; }

   private:
    const Value* owner_ = nullptr;
    std::size_t i_ = 0;
  };
  using const_iterator = iterator;

  // As nlohmann's items(): a range whose elements have key() and value().
  struct Items {
    struct Member {
      iterator at;
      const iterator& operator*() const { return at; }
      Member& operator++() {
        ++at;
        return *this;
      }
      bool operator!=(const Member& o) const { return at != o.at; }
    };
    const Value* owner;
    Member begin() const { return {owner->begin()}; }
    Member end() const { return {owner->end()}; }
  };

  Value() = default;
  // The Value that is this node (of a tree the host built).
  static const Value& of(const entryc_node& n) { return *reinterpret_cast<const Value*>(&n); }

  Type type() const { return static_cast<Type>(n_.type); }
  bool is_null() const { return type() == Type::null; }
  bool is_boolean() const { return type() == Type::boolean; }
  bool is_number() const {
    return type() == Type::integer || type() == Type::unsigned_integer || type() == Type::floating;
  }
  bool is_number_integer() const { return type() == Type::integer || type() == Type::unsigned_integer; }
  bool is_number_unsigned() const { return type() == Type::unsigned_integer; }
  bool is_number_float() const { return type() == Type::floating; }
  bool is_string() const { return type() == Type::string; }
  bool is_array() const { return type() == Type::array; }
  bool is_object() const { return type() == Type::object; }
  bool is_primitive() const { return !is_array() && !is_object(); }
  bool is_structured() const { return is_array() || is_object(); }
  const char* type_name() const {
    switch (type()) {
      case Type::null: return "null";
      case Type::boolean: return "boolean";
      case Type::string: return "string";
      case Type::array: return "array";
      case Type::object: return "object";
      default: return "number";
    }
  }

  // The string (empty for other types); for a number, the text it was written as.
  std::string_view str() const { return {n_.text.ptr, n_.text.len}; }

  // Elements of an array, members of an object; 1 for other values but null (as nlohmann).
  std::size_t size() const { return is_structured() ? n_.size : (is_null() ? 0 : 1); }
  bool empty() const { return size() == 0; }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, is_structured() ? n_.size : 0}; }
  Items items() const { return {this}; }
  const Value& operator[](std::size_t i) const {
    if (!is_structured() || i >= n_.size)
      throw std::out_of_range("array index " + std::to_string(i) + " is out of range");
    return item(i);
  }
  const Value& front() const { return (*this)[0]; }
  const Value& back() const { return (*this)[size() - 1]; }

  // Objects: the member named `key` (exactly), or end().
  iterator find(std::string_view key) const {
    if (type() == Type::object) {
      for (std::size_t i = 0; i < n_.size; ++i) {
        if (key_at(i) == key) return {this, i};
      }
    }
    return end();
  }
  bool contains(std::string_view key) const { return find(key) != end(); }
  std::size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }
  // The member named `key`; throws when there is none.
  const Value& at(std::string_view key) const {
    const iterator it = find(key);
    if (it == end()) throw std::out_of_range("key '" + std::string(key) + "' not found");
    return *it;
  }

  // Scalars, as nlohmann's get<T>(): a type mismatch throws.
  template <typename T>
  T get() const {
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
      if (!is_string()) throw std::domain_error(std::string("type must be string, but is ") + type_name());
      return T(str());
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!is_boolean()) throw std::domain_error(std::string("type must be boolean, but is ") + type_name());
      return boolean();
    } else {
      static_assert(std::is_arithmetic_v<T>, "Value::get<T>: T must be a string, bool or number type");
      switch (type()) {
        case Type::integer: return static_cast<T>(n_.number.i);
        case Type::unsigned_integer: return static_cast<T>(n_.number.u);
        case Type::floating: return static_cast<T>(n_.number.d);
        default: throw std::domain_error(std::string("type must be number, but is ") + type_name());
      }
    }
  }
  // As nlohmann's value(): the member `key` as the fallback's type, or the
  // fallback when it is absent (or, for a string fallback, not a string,
  // where nlohmann would throw). With a Json fallback, the member as a Json copy.
  std::string value(std::string_view key, const std::string& fallback) const {
    const iterator it = find(key);
    return it != end() && it->is_string() ? std::string(it->str()) : fallback;
  }
  std::string value(std::string_view key, const char* fallback) const { return value(key, std::string(fallback)); }
  nlohmann::ordered_json value(std::string_view key, const nlohmann::ordered_json& fallback) const {
    const iterator it = find(key);
    return it != end() ? it->to_json() : fallback;
  }

  bool operator==(std::string_view s) const { return is_string() && str() == s; }
  // Deep equality as nlohmann's: members in order, numbers by value.
  bool operator==(const Value& o) const {
    if (is_number() && o.is_number()) return to_json() == o.to_json();
    if (type() != o.type()) return false;
    switch (type()) {
      case Type::null: return true;
      case Type::boolean: return boolean() == o.boolean();
      case Type::string: return str() == o.str();
      case Type::array:
      case Type::object:
        if (n_.size != o.n_.size) return false;
        for (std::size_t i = 0; i < n_.size; ++i) {
          if ((type() == Type::object && key_at(i) != o.key_at(i)) || !(item(i) == o.item(i))) return false;
        }
        return true;
      default: return false;
    }
  }
  bool operator!=(const Value& o) const { return !(*this == o); }
  bool operator!=(std::string_view s) const { return !(*this == s); }

  // The same value as nlohmann JSON (a copy), and its text as nlohmann writes it.
  nlohmann::ordered_json to_json() const {
    switch (type()) {
      case Type::null: return nullptr;
      case Type::boolean: return boolean();
      case Type::integer: return n_.number.i;
      case Type::unsigned_integer: return n_.number.u;
      case Type::floating: return n_.number.d;
      case Type::string: return std::string(str());
      case Type::array: {
        nlohmann::ordered_json a = nlohmann::ordered_json::array();
        for (const Value& v : *this) a.push_back(v.to_json());
        return a;
      }
      case Type::object: {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        auto& members = o.get_ref<nlohmann::ordered_json::object_t&>();
        members.reserve(n_.size);
        for (std::size_t i = 0; i < n_.size; ++i) members.emplace_back(std::string(key_at(i)), item(i).to_json());
        return o;
      }
    }
    return nullptr;
  }
  std::string dump() const { return to_json().dump(); }

 private:
  friend class Tree;
  bool boolean() const { return n_.boolean != 0; }
  const Value& item(std::size_t i) const { return reinterpret_cast<const Value*>(n_.items)[i]; }
  std::string_view key_at(std::size_t i) const { return {n_.keys[i].ptr, n_.keys[i].len}; }

  entryc_node n_{};
};

// A Value is its node: arrays of nodes are arrays of Values.
static_assert(std::is_standard_layout_v<Value> && sizeof(Value) == sizeof(entryc_node));
static_assert(static_cast<int>(Value::Type::object) == ENTRYC_NODE_OBJECT &&
              static_cast<int>(Value::Type::string) == ENTRYC_NODE_STRING &&
              static_cast<int>(Value::Type::floating) == ENTRYC_NODE_FLOAT);

// The members of an object as nlohmann keeps them: a repeated key keeps its
// first position and takes the last value. Compacts `keys` and `items` (n
// members) in place; returns how many are left.
inline std::size_t merge_repeated_keys(entryc_str* keys, entryc_node* items, std::size_t n) {
  const auto key = [&](std::size_t i) { return std::string_view(keys[i].ptr, keys[i].len); };
  std::unordered_map<std::string_view, std::size_t> seen;  // large objects only
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t same = out;
    if (n <= 16) {
      for (same = 0; same < out && key(same) != key(i); ++same) {
      }
    } else if (const auto at = seen.find(key(i)); at != seen.end()) {
      same = at->second;
    } else {
      seen.emplace(key(i), out);
    }
    if (same < out) {
      items[same] = items[i];
    } else {
      keys[out] = keys[i];
      items[out++] = items[i];
    }
  }
  return out;
}

// The node of a JSON number written as `text` (valid JSON number syntax;
// `integral`: without fraction or exponent), typed the way nlohmann types
// it: an integer that fits int64 (negative) or uint64, else a double.
// False when it overflows a double.
inline bool number_node(std::string_view text, bool integral, entryc_node& n) {
  n.text = {text.data(), text.size()};
  char buf[64];
  std::string long_text;
  const char* token = buf;
  if (text.size() < sizeof buf) {
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
  } else {
    long_text.assign(text);
    token = long_text.c_str();
  }
  errno = 0;
  if (integral && token[0] == '-') {
    const long long x = std::strtoll(token, nullptr, 10);
    if (errno == 0) {
      n.type = ENTRYC_NODE_INTEGER;
      n.number.i = x;
      return true;
    }
  } else if (integral) {
    const unsigned long long x = std::strtoull(token, nullptr, 10);
    if (errno == 0) {
      n.type = ENTRYC_NODE_UNSIGNED;
      n.number.u = x;
      return true;
    }
  }
  n.type = ENTRYC_NODE_FLOAT;
  n.number.d = std::strtod(token, nullptr);
  return std::isfinite(n.number.d);
}

// A parsed document: owns the nodes and the unescaped strings; the other
// strings are views of the text, which must outlive the Tree. Not copyable:
// Values point into it.
class Tree {
 public:
  // Throws std::invalid_argument when the text is not JSON.
  explicit Tree(std::string_view text) : text_(text) { parse(); }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  const Value& root() const { return root_; }

 private:
  // Bump allocation in blocks; everything in them is trivially destructible.
  void* allocate(std::size_t bytes, std::size_t align) {
    if (!blocks_.empty()) {
      const auto base = reinterpret_cast<std::uintptr_t>(blocks_.back().get());
      const std::uintptr_t at = (base + used_ + align - 1) & ~(align - 1);
      if (at + bytes <= base + capacity_) {
        used_ = at + bytes - base;
        return reinterpret_cast<void*>(at);
      }
    }
    capacity_ =
        std::max(bytes + align, blocks_.empty() ? std::max<std::size_t>(4096, 4 * text_.size()) : 2 * capacity_);
    blocks_.emplace_back(new unsigned char[capacity_]);
    const auto base = reinterpret_cast<std::uintptr_t>(blocks_.back().get());
    const std::uintptr_t at = (base + align - 1) & ~(align - 1);
    used_ = at + bytes - base;
    return reinterpret_cast<void*>(at);
  }
  template <typename T>
  T* allocate_array(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T> && std::is_trivially_copyable_v<T>);
    return static_cast<T*>(allocate(sizeof(T) * (n ? n : 1), alignof(T)));
  }

  // The containers being read, innermost last. Scratch space reused by every
  // Tree on the thread (a parse runs to its end before another can start).
  struct Frame {
    bool object = false;
    std::vector<std::string_view> keys;
    std::vector<Value> values;
  };
  static std::vector<Frame>& frames() {
    static thread_local std::vector<Frame> f;
    return f;
  }

  [[noreturn]] static void fail(std::size_t at, const char* what) {
    throw std::invalid_argument("JSON parse error at byte " + std::to_string(at + 1) + ": " + what);
  }
  bool at_end() const { return pos_ >= text_.size(); }
  // The next character after white space; fails at the end of the text.
  char next() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
    if (at_end()) fail(pos_, "unexpected end of input");
    return text_[pos_];
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail(pos_, "truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex(text_[pos_++]);
      if (h < 0) fail(pos_ - 1, "invalid \\u escape");
      v = v * 16 + static_cast<unsigned>(h);
    }
    return v;
  }
  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      return;
    }
    if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
    } else {
      if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      }
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }

  // The length of the UTF-8 sequence at `at` (its first byte >= 0x80); fails
  // on what is not well-formed UTF-8 (RFC 3629: no overlong forms, no
  // surrogates, nothing above U+10FFFF), as nlohmann's lexer does.
  std::size_t utf8_length(std::size_t at) const {
    const auto b = [&](std::size_t k) {
      return at + k < text_.size() ? static_cast<unsigned char>(text_[at + k]) : 0u;
    };
    const unsigned c = b(0);
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      fail(at, "invalid UTF-8 in a string");
    }
    if (b(1) < lo || b(1) > hi) fail(at, "invalid UTF-8 in a string");
    for (std::size_t k = 2; k < n; ++k) {
      if (b(k) < 0x80 || b(k) > 0xBF) fail(at, "invalid UTF-8 in a string");
    }
    return n;
  }

  // A string token (pos_ at its opening quote): a view of the text when it
  // has no escapes, else unescaped into the arena.
  std::string_view string() {
    const std::size_t start = ++pos_;
    while (!at_end() && text_[pos_] != '"' && text_[pos_] != '\\') {
      const auto b = static_cast<unsigned char>(text_[pos_]);
      if (b < 0x20) fail(pos_, "control character in a string");
      if (b >= 0x80) {
        pos_ += utf8_length(pos_);
      } else {
        ++pos_;
      }
    }
    if (at_end()) fail(start - 1, "unterminated string");
    if (text_[pos_] == '"') return text_.substr(start, pos_++ - start);
    std::string& out = unescaped_;
    out.assign(text_.substr(start, pos_ - start));
    while (true) {
      if (at_end()) fail(start - 1, "unterminated string");
      const char c = text_[pos_++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) fail(pos_ - 1, "control character in a string");
      if (static_cast<unsigned char>(c) >= 0x80) {
        const std::size_t n = utf8_length(pos_ - 1);
        out.append(text_.substr(pos_ - 1, n));
        pos_ += n - 1;
        continue;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end()) fail(start - 1, "unterminated string");
      switch (text_[pos_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
              fail(pos_, "a high surrogate must be followed by a low one");
            }
            pos_ += 2;
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail(pos_ - 4, "invalid low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail(pos_ - 4, "a low surrogate without a high one");
          }
          put_utf8(out, cp);
          break;
        }
        default: fail(pos_ - 1, "invalid escape");
      }
    }
    char* copy = allocate_array<char>(out.size());
    std::memcpy(copy, out.data(), out.size());
    return {copy, out.size()};
  }

  // A number token, typed the way nlohmann types it: an integer that fits
  // int64 (negative) or uint64, else a double.
  Value number() {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (text_[pos_] == '-') ++pos_;
    const std::size_t first = pos_;
    const std::size_t n = digits();
    if (n == 0) fail(pos_, "invalid number");
    if (n > 1 && text_[first] == '0') fail(first, "leading zero in a number");
    bool integral = true;
    if (!at_end() && text_[pos_] == '.') {
      ++pos_;
      integral = false;
      if (digits() == 0) fail(pos_, "invalid number");
    }
    if (!at_end() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      integral = false;
      if (!at_end() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) fail(pos_, "invalid number");
    }
    Value v;
    if (!number_node(text_.substr(start, pos_ - start), integral, v.n_)) fail(start, "number overflow");
    return v;
  }

  // A scalar value (pos_ at its first character).
  Value scalar() {
    const char c = text_[pos_];
    Value v;
    auto word = [&](std::string_view w) {
      if (text_.substr(pos_, w.size()) != w) fail(pos_, "unexpected character");
      pos_ += w.size();
    };
    if (c == '"') {
      const std::string_view s = string();
      v.n_.type = ENTRYC_NODE_STRING;
      v.n_.text = {s.data(), s.size()};
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v = number();
    } else if (c == 't') {
      word("true");
      v.n_.type = ENTRYC_NODE_BOOLEAN;
      v.n_.boolean = 1;
    } else if (c == 'f') {
      word("false");
      v.n_.type = ENTRYC_NODE_BOOLEAN;
    } else {
      word("null");
    }
    return v;
  }

  // The container of `f`, built at its final size: a repeated key keeps its
  // first position and takes the last value (as nlohmann does).
  Value close(const Frame& f) {
    Value v;
    std::size_t n = f.values.size();
    Value* items = allocate_array<Value>(n);
    std::copy(f.values.begin(), f.values.end(), items);
    v.n_.items = &items->n_;
    if (f.object) {
      entryc_str* keys = allocate_array<entryc_str>(n);
      for (std::size_t i = 0; i < n; ++i) keys[i] = {f.keys[i].data(), f.keys[i].size()};
      n = merge_repeated_keys(keys, &items->n_, n);
      v.n_.keys = keys;
    }
    v.n_.type = f.object ? ENTRYC_NODE_OBJECT : ENTRYC_NODE_ARRAY;
    v.n_.size = static_cast<std::uint32_t>(n);
    return v;
  }

  // Iterative, so that nesting depth costs heap, not stack.
  void parse() {
    std::vector<Frame>& fs = frames();
    std::size_t depth = 0;
    while (true) {
      // A value is expected: the root, an array element or an object member;
      // or the end of a container that is still empty.
      char c = next();
      Value value;
      bool have_value = false;
      if (depth > 0) {
        Frame& f = fs[depth - 1];
        if (f.values.empty() && (c == ']' || c == '}')) {
          if ((c == '}') != f.object) fail(pos_, "mismatched bracket");
          ++pos_;
          value = close(f);
          --depth;
          have_value = true;
        } else if (f.object) {
          if (c != '"') fail(pos_, "expected a string key");
          f.keys.push_back(string());
          if (next() != ':') fail(pos_, "expected ':'");
          ++pos_;
          c = next();
        }
      }
      if (!have_value) {
        if (c == '{' || c == '[') {
          ++pos_;
          if (depth == fs.size()) fs.emplace_back();
          Frame& f = fs[depth++];
          f.object = c == '{';
          f.keys.clear();
          f.values.clear();
          continue;
        }
        value = scalar();
      }
      // After a value: store it, and close every container that ends here.
      while (true) {
        if (depth == 0) {
          root_ = value;
          while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
            ++pos_;
          if (!at_end()) fail(pos_, "unexpected text after the document");
          return;
        }
        Frame& f = fs[depth - 1];
        f.values.push_back(value);
        c = next();
        if (c == ',') {
          ++pos_;
          break;
        }
        if (c != (f.object ? '}' : ']')) fail(pos_, f.object ? "expected ',' or '}'" : "expected ',' or ']'");
        ++pos_;
        value = close(f);
        --depth;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Value root_;
  std::string unescaped_;
  std::vector<std::unique_ptr<unsigned char[]>> blocks_;
  std::size_t capacity_ = 0, used_ = 0;
};

}  // namespace entryc::sdk
