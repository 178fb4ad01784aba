// The strict JSON front end: RFC 8259 exactly as Go 1.19's encoding/json
// reads it with json.Unmarshal(data, &map[string]interface{}), which is how
// `consul config write` and Consul's HTTP API read a config entry.
//
// encoding/json first runs its scanner (scanner.go) over the whole input, so
// the first syntax error anywhere wins; the grammar below mirrors the
// scanner's states so that every must<> point corresponds to one of its error
// contexts, and the error table maps each to the scanner's text. Only after a
// clean scan does the decoder run; its errors (a top-level value that is not
// an object, a number out of float64 range) are checked on the finished tree.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <tao/pegtl.hpp>

#include "entryc/go_strconv.hpp"
#include "entryc/json.hpp"
#include "entryc/utf8.hpp"

namespace entryc::json {
namespace {

namespace pegtl = tao::pegtl;

// encoding/json's maxNestingDepth.
constexpr std::uint32_t kGoMaxDepth = 10000;

// ---------------------------------------------------------------------------
// Grammar. One struct per rule; the comments name the scanner state each
// must<> point stands for.
// ---------------------------------------------------------------------------
namespace grammar {

// clang-format off
// Go's isSpace: only the four JSON whitespace bytes.
struct ws : pegtl::star<pegtl::one<' ', '\t', '\n', '\r'>> {};

struct value;

// Literals: each letter after the first is its own must<> point
// (stateT, stateTr, stateTru, ...).
struct true_r : pegtl::one<'r'> {};
struct true_u : pegtl::one<'u'> {};
struct true_e : pegtl::one<'e'> {};
struct literal_true : pegtl::seq<pegtl::one<'t'>, pegtl::must<true_r>, pegtl::must<true_u>, pegtl::must<true_e>> {};

struct false_a : pegtl::one<'a'> {};
struct false_l : pegtl::one<'l'> {};
struct false_s : pegtl::one<'s'> {};
struct false_e : pegtl::one<'e'> {};
struct literal_false : pegtl::seq<pegtl::one<'f'>, pegtl::must<false_a>, pegtl::must<false_l>, pegtl::must<false_s>,
                                  pegtl::must<false_e>> {};

struct null_u : pegtl::one<'u'> {};
struct null_l1 : pegtl::one<'l'> {};
struct null_l2 : pegtl::one<'l'> {};
struct literal_null : pegtl::seq<pegtl::one<'n'>, pegtl::must<null_u>, pegtl::must<null_l1>, pegtl::must<null_l2>> {};

// Numbers. A leading zero ends the integer part ("01" is the number 0
// followed by an unexpected '1'), as in state0.
struct int_part : pegtl::sor<pegtl::one<'0'>, pegtl::seq<pegtl::range<'1', '9'>, pegtl::star<pegtl::ascii::digit>>> {};
struct negative : pegtl::seq<pegtl::one<'-'>, pegtl::must<int_part>> {};           // stateNeg
struct fraction_digit : pegtl::ascii::digit {};
struct fraction : pegtl::seq<pegtl::one<'.'>, pegtl::must<fraction_digit>,
                             pegtl::star<pegtl::ascii::digit>> {};                    // stateDot
struct exponent_digit : pegtl::ascii::digit {};
struct exponent : pegtl::seq<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>, pegtl::must<exponent_digit>,
                             pegtl::star<pegtl::ascii::digit>> {};                    // stateE, stateESign
struct number : pegtl::seq<pegtl::sor<negative, int_part>, pegtl::opt<fraction>, pegtl::opt<exponent>> {};
// clang-format on

// A run of bytes that stand for themselves inside a string: anything but a
// control character, '"' and '\'. Any byte >= 0x80 is accepted here, valid
// UTF-8 or not, as Go's scanner does (the decoder turns bad bytes into U+FFFD).
struct string_plain {
  using rule_t = string_plain;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* const start = in.current();
    const char* const end = in.end();
    const char* p = start;
    while (p != end) {
      const auto c = static_cast<unsigned char>(*p);
      if (c < 0x20 || c == '"' || c == '\\') break;
      ++p;
    }
    if (p == start) return false;
    in.bump_in_this_line(static_cast<std::size_t>(p - start));
    return true;
  }
};

// clang-format off
struct hex_digit : pegtl::ascii::xdigit {};
struct unicode_escape : pegtl::seq<pegtl::one<'u'>, pegtl::must<hex_digit>, pegtl::must<hex_digit>,
                                   pegtl::must<hex_digit>, pegtl::must<hex_digit>> {};  // stateInStringEscU...
struct escape_code : pegtl::sor<pegtl::one<'"', '\\', '/', 'b', 'f', 'n', 'r', 't'>, unicode_escape> {};
struct escape : pegtl::seq<pegtl::one<'\\'>, pegtl::must<escape_code>> {};            // stateInStringEsc
struct string_body : pegtl::star<pegtl::sor<string_plain, escape>> {};
struct string_close : pegtl::one<'"'> {};                                              // stateInString
struct string_value : pegtl::seq<pegtl::one<'"'>, string_body, pegtl::must<string_close>> {};
struct key_string : pegtl::seq<pegtl::one<'"'>, string_body, pegtl::must<string_close>> {};

// Objects.
struct object_open : pegtl::one<'{'> {};
struct object_empty_close : pegtl::one<'}'> {};
struct name_separator : pegtl::one<':'> {};
struct member : pegtl::seq<key_string, ws, pegtl::must<name_separator>, ws, pegtl::must<value>> {};
struct member_separator : pegtl::one<','> {};
struct object_close : pegtl::one<'}'> {};
struct object_body
    : pegtl::sor<object_empty_close,
                 pegtl::seq<pegtl::must<member>, ws,                                     // stateBeginStringOrEmpty
                            pegtl::star<member_separator, ws, pegtl::must<member>, ws>,  // stateBeginString
                            pegtl::must<object_close>>> {};                              // stateEndValue (object)
struct object : pegtl::seq<object_open, ws, object_body> {};

// Arrays.
struct array_open : pegtl::one<'['> {};
struct array_empty_close : pegtl::one<']'> {};
struct array_element : pegtl::must<value> {};                                           // stateBeginValue
struct element_separator : pegtl::one<','> {};
struct array_close : pegtl::one<']'> {};
struct array_body
    : pegtl::sor<array_empty_close,
                 pegtl::seq<array_element, ws, pegtl::star<element_separator, ws, array_element, ws>,
                            pegtl::must<array_close>>> {};                               // stateEndValue (array)
struct array : pegtl::seq<array_open, ws, array_body> {};

struct value : pegtl::sor<object, array, string_value, number, literal_true, literal_false, literal_null> {};

struct end_of_input : pegtl::eof {};                                                     // stateEndTop
struct document : pegtl::seq<ws, pegtl::must<value>, ws, pegtl::must<end_of_input>> {};
// clang-format on

}  // namespace grammar

// ---------------------------------------------------------------------------
// The error table: one entry per must<> point.
// ---------------------------------------------------------------------------

// What our own summary talks about.
enum class Expect : std::uint8_t {
  value,
  key,
  colon,
  after_member,
  after_element,
  end_of_input,
  string_end,
  escape,
  unicode_hex,
  int_digit,
  fraction_digit,
  exponent_digit,
  literal,
  depth,
};

struct ErrorInfo {
  const char* go_context = nullptr;  // the context in encoding/json's SyntaxError text
  // At end of input Go's scanner is fed one space. In the states that skip
  // whitespace (and inside a string) that is fine and the error becomes
  // "unexpected end of JSON input"; elsewhere it is "invalid character ' '".
  bool eof_is_unexpected_end = false;
  Expect expect = Expect::value;
  const char* expected = "";   // our summary: "expected <this>, found ..."
  const char* literal = "";    // the literal being read (Expect::literal)
  std::uint8_t matched = 0;    // bytes of the literal already read
};

template <typename Rule>
inline constexpr ErrorInfo error_info{};

// clang-format off
template <> inline constexpr ErrorInfo error_info<grammar::value> =
    {"looking for beginning of value", true, Expect::value, "a value"};
template <> inline constexpr ErrorInfo error_info<grammar::member> =
    {"looking for beginning of object key string", true, Expect::key, "a string key"};
template <> inline constexpr ErrorInfo error_info<grammar::name_separator> =
    {"after object key", true, Expect::colon, "':' after an object key"};
template <> inline constexpr ErrorInfo error_info<grammar::object_close> =
    {"after object key:value pair", true, Expect::after_member, "',' or '}' after an object member"};
template <> inline constexpr ErrorInfo error_info<grammar::array_close> =
    {"after array element", true, Expect::after_element, "',' or ']' after an array element"};
template <> inline constexpr ErrorInfo error_info<grammar::end_of_input> =
    {"after top-level value", true, Expect::end_of_input, "the end of the file after the top-level value"};
template <> inline constexpr ErrorInfo error_info<grammar::string_close> =
    {"in string literal", true, Expect::string_end, "'\"' to close the string"};
template <> inline constexpr ErrorInfo error_info<grammar::escape_code> =
    {"in string escape code", false, Expect::escape, "an escape code"};
template <> inline constexpr ErrorInfo error_info<grammar::hex_digit> =
    {"in \\u hexadecimal character escape", false, Expect::unicode_hex, "4 hexadecimal digits after '\\u'"};
template <> inline constexpr ErrorInfo error_info<grammar::int_part> =
    {"in numeric literal", false, Expect::int_digit, "a digit after '-'"};
template <> inline constexpr ErrorInfo error_info<grammar::fraction_digit> =
    {"after decimal point in numeric literal", false, Expect::fraction_digit, "a digit after the decimal point"};
template <> inline constexpr ErrorInfo error_info<grammar::exponent_digit> =
    {"in exponent of numeric literal", false, Expect::exponent_digit, "a digit in the exponent"};
template <> inline constexpr ErrorInfo error_info<grammar::true_r> =
    {"in literal true (expecting 'r')", false, Expect::literal, "", "true", 1};
template <> inline constexpr ErrorInfo error_info<grammar::true_u> =
    {"in literal true (expecting 'u')", false, Expect::literal, "", "true", 2};
template <> inline constexpr ErrorInfo error_info<grammar::true_e> =
    {"in literal true (expecting 'e')", false, Expect::literal, "", "true", 3};
template <> inline constexpr ErrorInfo error_info<grammar::false_a> =
    {"in literal false (expecting 'a')", false, Expect::literal, "", "false", 1};
template <> inline constexpr ErrorInfo error_info<grammar::false_l> =
    {"in literal false (expecting 'l')", false, Expect::literal, "", "false", 2};
template <> inline constexpr ErrorInfo error_info<grammar::false_s> =
    {"in literal false (expecting 's')", false, Expect::literal, "", "false", 3};
template <> inline constexpr ErrorInfo error_info<grammar::false_e> =
    {"in literal false (expecting 'e')", false, Expect::literal, "", "false", 4};
template <> inline constexpr ErrorInfo error_info<grammar::null_u> =
    {"in literal null (expecting 'u')", false, Expect::literal, "", "null", 1};
template <> inline constexpr ErrorInfo error_info<grammar::null_l1> =
    {"in literal null (expecting 'l')", false, Expect::literal, "", "null", 2};
template <> inline constexpr ErrorInfo error_info<grammar::null_l2> =
    {"in literal null (expecting 'l')", false, Expect::literal, "", "null", 3};
// Not a must<> point: raised by the action on '{' / '[' (pushParseState).
inline constexpr ErrorInfo kDepthError = {"exceeded max depth", false, Expect::depth, ""};
// clang-format on

// Thrown at the first error; parsing stops there (JSON errors cascade).
struct Failure {
  const char* at;  // the offending byte (== end of text at end of input)
  const ErrorInfo* info;
  bool our_limit = false;  // opts.max_depth, not Go's limit
};

// ---------------------------------------------------------------------------
// Tree building.
// ---------------------------------------------------------------------------

struct Frame {
  std::uint32_t mark;   // first index of this container's members / items
  std::uint32_t begin;  // offset of its '{' or '['
  char open;
};

// The actions run inside the grammar's recursion (value -> array -> value
// ...); keeping them out of line keeps the recursive frames small, which
// matters for debug and sanitizer builds (see ParseOptions::max_depth).
class Builder {
 public:
  Builder(std::string_view text, Arena& arena, std::uint32_t max_depth)
      : base_(text.data()), arena_(arena), max_depth_(max_depth) {}

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }

  ast::Value* make(ast::Kind kind, const char* b, const char* e) {
    ast::Value* v = arena_.make<ast::Value>();
    v->kind = kind;
    v->flags = ast::kFromJson;
    v->begin = offset(b);
    v->end = offset(e);
    return v;
  }

  [[gnu::noinline]] void open(char c, const char* at) {
    frames_.push_back(Frame{static_cast<std::uint32_t>(c == '{' ? members_.size() : items_.size()), offset(at), c});
    const auto depth = static_cast<std::uint32_t>(frames_.size());
    if (depth > kGoMaxDepth) throw Failure{at, &kDepthError};
    if (depth > max_depth_) throw Failure{at, &kDepthError, true};
  }

  [[gnu::noinline]] void close_object(const char* b, const char* e) {
    const std::uint32_t mark = frames_.back().mark;
    frames_.pop_back();
    ast::Value* v = make(ast::Kind::object, b, e);
    const std::span<const ast::Member> ms(members_.data() + mark, members_.size() - mark);
    v->data = arena_.copy(ms).data();
    v->count = static_cast<std::uint32_t>(ms.size());
    members_.resize(mark);
    last_ = v;
  }

  [[gnu::noinline]] void close_array(const char* b, const char* e) {
    const std::uint32_t mark = frames_.back().mark;
    frames_.pop_back();
    ast::Value* v = make(ast::Kind::array, b, e);
    const std::span<ast::Value* const> vs(items_.data() + mark, items_.size() - mark);
    v->data = arena_.copy(vs).data();
    v->count = static_cast<std::uint32_t>(vs.size());
    items_.resize(mark);
    last_ = v;
  }

  [[gnu::noinline]] void key(const char* b, const char* e) {
    ast::Key* k = arena_.make<ast::Key>();
    k->begin = offset(b);
    k->end = offset(e);
    const std::string_view name = decode(b + 1, e - 1);
    k->name_ptr = name.data();
    k->name_len = static_cast<std::uint32_t>(name.size());
    members_.push_back(ast::Member{k, 1, 0, nullptr});
  }
  void separator(const char* at) { members_.back().op = offset(at) + 1; }
  void member_done() { members_.back().value = last_; }
  void element_done() { items_.push_back(last_); }

  [[gnu::noinline]] void string(const char* b, const char* e) {
    ast::Value* v = make(ast::Kind::string, b, e);
    const std::string_view s = decode(b + 1, e - 1);
    v->data = s.data();
    v->count = static_cast<std::uint32_t>(s.size());
    last_ = v;
  }

  [[gnu::noinline]] void number(const char* b, const char* e) {
    bool is_float = false;
    for (const char* p = b; p != e; ++p) {
      if (*p == '.' || *p == 'e' || *p == 'E') {
        is_float = true;
        break;
      }
    }
    ast::Value* v = make(is_float ? ast::Kind::floating : ast::Kind::integer, b, e);
    // encoding/json stores numbers as float64; ParseFloat fails on overflow.
    // Without an exponent, fewer than 300 digits cannot overflow.
    if (is_float || e - b >= 300) {
      const std::string_view lexeme(b, static_cast<std::size_t>(e - b));
      if (!gostr::parse_float(lexeme).ok()) out_of_range_.push_back(v);
    }
    last_ = v;
  }

  [[gnu::noinline]] void literal(ast::Kind kind, std::uint32_t count, const char* b, const char* e) {
    ast::Value* v = make(kind, b, e);
    v->count = count;
    last_ = v;
  }

  void string_start(const char* p) { string_begin_ = offset(p); }

  ast::Value* last() const { return last_; }
  const std::vector<Frame>& frames() const { return frames_; }
  std::uint32_t string_begin() const { return string_begin_; }
  const std::vector<ast::Value*>& out_of_range() const { return out_of_range_; }

 private:
  // encoding/json's unquoteBytes on the text between the quotes (already
  // known to be well-formed). Without escapes and invalid UTF-8 the result
  // points into the file text.
  std::string_view decode(const char* b, const char* e);

  const char* base_;
  Arena& arena_;
  std::uint32_t max_depth_;
  std::vector<Frame> frames_;
  std::vector<ast::Member> members_;
  std::vector<ast::Value*> items_;
  std::vector<ast::Value*> out_of_range_;
  std::string buf_;
  ast::Value* last_ = nullptr;
  std::uint32_t string_begin_ = 0;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's getu4: the code unit of a "\uXXXX" at p, or -1.
int get_u4(const char* p, const char* e) {
  if (e - p < 6 || p[0] != '\\' || p[1] != 'u') return -1;
  int r = 0;
  for (int i = 2; i < 6; ++i) {
    const int h = hex_value(p[i]);
    if (h < 0) return -1;
    r = r * 16 + h;
  }
  return r;
}

std::string_view Builder::decode(const char* b, const char* e) {
  const auto* const ub = reinterpret_cast<const unsigned char*>(b);
  const auto n = static_cast<std::size_t>(e - b);
  std::size_t i = 0;
  // Fast path: nothing to unescape or coerce.
  while (i < n) {
    const unsigned char c = ub[i];
    if (c == '\\') break;
    if (c < 0x80) {
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(ub + i, n - i);
    if (d.rune == utf8::kRuneError && d.size == 1) break;
    i += d.size;
  }
  if (i == n) return {b, n};

  buf_.assign(b, i);
  while (i < n) {
    const unsigned char c = ub[i];
    if (c == '\\') {
      const char k = b[i + 1];
      switch (k) {
        case 'b': buf_.push_back('\b'); i += 2; continue;
        case 'f': buf_.push_back('\f'); i += 2; continue;
        case 'n': buf_.push_back('\n'); i += 2; continue;
        case 'r': buf_.push_back('\r'); i += 2; continue;
        case 't': buf_.push_back('\t'); i += 2; continue;
        case 'u': break;
        default: buf_.push_back(k); i += 2; continue;  // " \ /
      }
      char32_t r = static_cast<char32_t>(get_u4(b + i, e));
      i += 6;
      if (r >= 0xD800 && r < 0xE000) {
        const int r2 = get_u4(b + i, e);
        if (r < 0xDC00 && r2 >= 0xDC00 && r2 < 0xE000) {
          r = 0x10000 + ((r - 0xD800) << 10) + (static_cast<char32_t>(r2) - 0xDC00);
          i += 6;
        } else {
          r = utf8::kRuneError;  // a lone surrogate; the next escape is read on its own
        }
      }
      utf8::append(buf_, r);
      continue;
    }
    if (c < 0x80) {
      buf_.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(ub + i, n - i);
    if (d.rune == utf8::kRuneError && d.size == 1) {
      utf8::append(buf_, utf8::kRuneError);
    } else {
      buf_.append(b + i, d.size);
    }
    i += d.size;
  }
  return arena_.copy(std::string_view(buf_));
}

// ---------------------------------------------------------------------------
// Actions and control.
// ---------------------------------------------------------------------------

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<grammar::object_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.open('{', in.begin()); }
};
template <>
struct action<grammar::array_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.open('[', in.begin()); }
};
template <>
struct action<grammar::object> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.close_object(in.begin(), in.end()); }
};
template <>
struct action<grammar::array> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.close_array(in.begin(), in.end()); }
};
template <>
struct action<grammar::key_string> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.key(in.begin(), in.end()); }
};
template <>
struct action<grammar::name_separator> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.separator(in.begin()); }
};
template <>
struct action<grammar::member> {
  static void apply0(Builder& b) { b.member_done(); }
};
template <>
struct action<grammar::array_element> {
  static void apply0(Builder& b) { b.element_done(); }
};
template <>
struct action<grammar::string_value> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.string(in.begin(), in.end()); }
};
template <>
struct action<grammar::number> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.number(in.begin(), in.end()); }
};
template <>
struct action<grammar::literal_true> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.literal(ast::Kind::boolean, 1, in.begin(), in.end()); }
};
template <>
struct action<grammar::literal_false> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.literal(ast::Kind::boolean, 0, in.begin(), in.end()); }
};
template <>
struct action<grammar::literal_null> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, Builder& b) { b.literal(ast::Kind::null, 0, in.begin(), in.end()); }
};

// Every must<> point raises through here; the table must have its entry.
template <typename Rule>
struct control_base : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    static_assert(error_info<Rule>.go_context != nullptr, "a must<> point without an entry in the error table");
    throw Failure{in.current(), &error_info<Rule>};
  }
};

// Rules without recursion inside are matched out of line, so that their
// locals do not sit in every frame of the value -> array -> value recursion
// (this keeps debug and sanitizer builds within the stack at max_depth).
template <typename Rule>
struct leaf_control : control_base<Rule> {
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[gnu::noinline]] static bool match(ParseInput& in, States&&... st) {
    return control_base<Rule>::template match<A, M, Action, Control>(in, st...);
  }
};

template <typename Rule>
struct control : control_base<Rule> {};

template <> struct control<grammar::number> : leaf_control<grammar::number> {};
template <> struct control<grammar::literal_true> : leaf_control<grammar::literal_true> {};
template <> struct control<grammar::literal_false> : leaf_control<grammar::literal_false> {};
template <> struct control<grammar::literal_null> : leaf_control<grammar::literal_null> {};

// Strings also remember where they start, to point at an unterminated one.
template <>
struct control<grammar::string_value> : leaf_control<grammar::string_value> {
  template <typename ParseInput>
  static void start(const ParseInput& in, Builder& b) { b.string_start(in.current()); }
};
template <>
struct control<grammar::key_string> : leaf_control<grammar::key_string> {
  template <typename ParseInput>
  static void start(const ParseInput& in, Builder& b) { b.string_start(in.current()); }
};

// ---------------------------------------------------------------------------
// Error texts.
// ---------------------------------------------------------------------------

// Go's quoteChar: the byte read as a Latin-1 code point.
std::string go_quote_char(unsigned char c) {
  if (c == '\'') return R"('\'')";
  if (c == '"') return R"('"')";
  std::string s;
  utf8::append(s, c);
  const std::string q = gostr::quote(s);
  return "'" + q.substr(1, q.size() - 2) + "'";
}

std::string go_syntax_text(std::string_view text, std::uint32_t at, const ErrorInfo& info) {
  if (at >= text.size()) {
    if (info.eof_is_unexpected_end) return "unexpected end of JSON input";
    return std::string("invalid character ' ' ") + info.go_context;
  }
  return "invalid character " + go_quote_char(static_cast<unsigned char>(text[at])) + " " + info.go_context;
}

// How our messages name the character at `at`.
std::string describe(std::string_view text, std::uint32_t at) {
  if (at >= text.size()) return "end of input";
  const auto c = static_cast<unsigned char>(text[at]);
  switch (c) {
    case 0: return "a NUL byte";
    case '\n': return "a line break";
    case '\r': return "a carriage return";
    case '\t': return "a tab";
    case ' ': return "a space";
    default: break;
  }
  if (c < 0x20 || c == 0x7F) return fmt::format("control character U+{:04X}", static_cast<unsigned>(c));
  const utf8::Decoded d = utf8::decode(text, at);
  if (d.rune == utf8::kRuneError && d.size == 1) {
    return fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned>(c));
  }
  if (d.rune == 0xFEFF) return "a byte order mark";
  if (!utf8::is_print(d.rune)) return fmt::format("U+{:04X}", static_cast<unsigned>(d.rune));
  if (c == '\'') return "\"'\"";
  return "'" + std::string(text.substr(at, d.size)) + "'";
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

// The bare word starting at `at` (at most 24 bytes), e.g. True, None, nil.
std::string_view word_at(std::string_view text, std::uint32_t at) {
  std::size_t e = at;
  while (e < text.size() && e - at < 24 && is_word_byte(static_cast<unsigned char>(text[e]))) ++e;
  return text.substr(at, e - at);
}

// The last non-whitespace byte before `at`, or 0.
char previous_token(std::string_view text, std::uint32_t at) {
  while (at > 0) {
    const char c = text[--at];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
  }
  return 0;
}

// A hint for a value or key that is not valid JSON.
// The number lexeme that ends right before `at` ("" if none).
std::string_view number_before(std::string_view text, std::uint32_t at) {
  std::uint32_t b = at;
  while (b > 0 && std::string_view("0123456789.eE+-").find(text[b - 1]) != std::string_view::npos) --b;
  return text.substr(b, at - b);
}

// A hint for a character that cannot start a value or key.
std::string value_hint(std::string_view text, std::uint32_t at, bool key) {
  const char c = text[at];
  if (c == '\'') return "JSON strings are written in double quotes.";
  if (c == '/' || c == '#') return "JSON does not allow comments.";
  const std::string w = utf8::ascii_lower(word_at(text, at));
  if (!key) {
    if (w == "true" || w == "false") return "JSON literals are lowercase: write `" + w + "`.";
    if (w == "none" || w == "null" || w == "nil" || w == "undefined") return "JSON writes a missing value as `null`.";
    if (c == '+') return "JSON numbers cannot start with '+'.";
    if (c == '.') return "JSON numbers need a digit before the decimal point, like 0.5.";
  }
  const utf8::Decoded d = utf8::decode(text, at);
  if (c == '_' || (d.size > 0 && utf8::is_letter(d.rune))) {
    return key ? "Object keys are strings and must be written in double quotes."
               : "Strings must be written in double quotes.";
  }
  return {};
}

// A hint for characters that look like whitespace but are not JSON's.
std::string space_hint(std::string_view text, std::uint32_t at) {
  const utf8::Decoded d = utf8::decode(text, at);
  if (d.rune == 0xFEFF && at == 0) {
    return "Go's encoding/json rejects a UTF-8 byte order mark; save the file as UTF-8 without a BOM.";
  }
  if (d.rune == 0xFEFF || (d.rune != utf8::kRuneError && utf8::is_space(d.rune))) {
    return "Only spaces, tabs and line breaks may separate JSON tokens.";
  }
  return {};
}

// A hint after a value that is followed by something unexpected.
std::string after_value_hint(std::string_view text, std::uint32_t at, const char* missing_comma) {
  const char c = text[at];
  const std::string_view num = number_before(text, at);
  if (num == "0" || num == "-0") {
    if (c >= '0' && c <= '9') return "JSON numbers cannot have leading zeros.";
    if (c == 'x' || c == 'X') return "JSON numbers are written in decimal.";
  }
  if (c == '/' || c == '#') return "JSON does not allow comments.";
  if (missing_comma != nullptr &&
      (c == '"' || c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')) {
    return missing_comma;
  }
  return {};
}

std::string unclosed_summary(const std::vector<Frame>& frames) {
  std::size_t objects = 0;
  std::size_t arrays = 0;
  for (const Frame& f : frames) (f.open == '{' ? objects : arrays) += 1;
  std::string s = "unexpected end of input: ";
  if (objects) s += fmt::format("{} unclosed '{{'", objects);
  if (objects && arrays) s += " and ";
  if (arrays) s += fmt::format("{} unclosed '['", arrays);
  return s;
}

diag::Diagnostic syntax_diagnostic(FileId file, std::string_view text, const Failure& f, const Builder& b,
                                   std::uint32_t max_depth) {
  const auto at = static_cast<std::uint32_t>(f.at - text.data());
  const bool eof = at >= text.size();
  const ErrorInfo& info = *f.info;
  diag::Diagnostic d;
  d.severity = diag::Severity::error;
  d.code = "core-syntax";
  d.subject = SourceRange{file, at, eof ? at : at + 1};
  const std::string found = describe(text, at);
  if (!eof) {
    const auto c = static_cast<unsigned char>(text[at]);
    const utf8::Decoded dc = utf8::decode(text, at);
    if (c == 0 || (dc.rune == utf8::kRuneError && dc.size == 1) || (at == 0 && dc.rune == 0xFEFF)) {
      d.code = "core-encoding";
    }
  }
  const auto string_context = [&] {
    d.context = SourceRange{file, b.string_begin(), std::max<std::uint32_t>(at, b.string_begin() + 1)};
    d.notes.push_back({"the string starts here", SourceRange{file, b.string_begin(), b.string_begin() + 1}});
  };

  switch (info.expect) {
    case Expect::depth:
      d.code = "core-limit";
      if (f.our_limit) {
        d.summary = fmt::format("nesting deeper than {} levels", max_depth);
        d.detail = "entryc refuses deeper nesting to protect its stack; see docs/limits.md.";
      } else {
        d.summary = fmt::format("nesting deeper than {} levels", kGoMaxDepth);
        d.detail = "Go's encoding/json, and so Consul, rejects JSON nested more than 10000 levels deep.";
      }
      return d;
    case Expect::string_end:
    case Expect::escape:
    case Expect::unicode_hex:
      if (eof) {
        d.summary = "unterminated string";
        d.detail = "Close the string with '\"'.";
        string_context();
        return d;
      }
      break;
    case Expect::literal:
      if (at >= info.matched) {
        const std::uint32_t start = at - info.matched;
        const std::string_view w = word_at(text, start);
        d.summary = fmt::format("expected '{}', found '{}'", info.literal, w);
        const std::string lw = utf8::ascii_lower(w);
        if (lw == info.literal) {
          d.detail = fmt::format("JSON literals are lowercase: write `{}`.", info.literal);
        } else if (std::string_view(info.literal) == "null" && (lw == "nil" || lw == "none")) {
          d.detail = "JSON writes a missing value as `null`.";
        } else if (w.size() > info.matched) {
          d.detail = "If this is meant to be a string, write it in double quotes.";
        }
        return d;
      }
      break;
    default:
      if (eof && info.eof_is_unexpected_end) {
        if (b.frames().empty()) {
          d.summary = "expected a JSON object, found end of input";
          d.detail = "The file is empty or contains only whitespace.";
        } else {
          d.summary = unclosed_summary(b.frames());
          const Frame& inner = b.frames().back();
          d.notes.push_back({fmt::format("the innermost unclosed '{}' is here", inner.open),
                             SourceRange{file, inner.begin, inner.begin + 1}});
        }
        return d;
      }
      break;
  }

  const char c = eof ? '\0' : text[at];
  switch (info.expect) {
    case Expect::string_end:
      if (c == 0) {
        d.summary = "NUL byte in string";
        d.detail = "A NUL byte usually means a binary or UTF-16 file; inside a string write it as \\u0000.";
      } else if (c == '\n' || c == '\r') {
        d.summary = "line break in string";
        d.detail = "A JSON string cannot span lines: close the string, or write the line break as \\n.";
      } else if (c == '\t') {
        d.summary = "unescaped tab in string";
        d.detail = "Write a tab inside a JSON string as \\t.";
      } else {
        d.summary = fmt::format("unescaped {} in string", found);
        d.detail = fmt::format("Write control characters inside a JSON string as \\u{:04x}.",
                               static_cast<unsigned>(static_cast<unsigned char>(c)));
      }
      string_context();
      return d;
    case Expect::escape:
      if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F) {
        d.summary = fmt::format("invalid escape '\\{}' in string", c);
      } else {
        d.summary = fmt::format("invalid escape in string: '\\' followed by {}", found);
      }
      d.detail =
          "JSON only knows the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\.";
      string_context();
      return d;
    case Expect::unicode_hex:
      d.summary = fmt::format("expected {}, found {}", info.expected, found);
      string_context();
      return d;
    default: break;
  }

  d.summary = fmt::format("expected {}, found {}", info.expected, found);
  if (eof) return d;
  d.detail = space_hint(text, at);
  if (!d.detail.empty()) return d;
  const char prev = previous_token(text, at);
  switch (info.expect) {
    case Expect::value:
      d.detail = c == ']' && prev == ',' ? "JSON does not allow a trailing comma." : value_hint(text, at, false);
      break;
    case Expect::key:
      d.detail = c == '}' && prev == ',' ? "JSON does not allow a trailing comma." : value_hint(text, at, true);
      break;
    case Expect::colon:
      if (c == '=') d.detail = "JSON separates a key from its value with ':'.";
      break;
    case Expect::after_member:
      d.detail = c == ']' ? "This ']' does not match the '{' of the object."
                          : after_value_hint(text, at, "A comma is missing between two members.");
      break;
    case Expect::after_element:
      d.detail = c == '}' ? "This '}' does not match the '[' of the array."
                          : after_value_hint(text, at, "A comma is missing between two array elements.");
      break;
    case Expect::end_of_input:
      d.detail = after_value_hint(text, at, nullptr);
      if (d.detail.empty()) {
        d.detail = c == '}' || c == ']' ? "There are more closing brackets than opening ones."
                                        : "A JSON file holds exactly one value.";
      }
      break;
    default: break;
  }
  return d;
}

const char* go_type_name(ast::Kind k) {
  switch (k) {
    case ast::Kind::array: return "array";
    case ast::Kind::string: return "string";
    case ast::Kind::boolean: return "bool";
    default: return "number";
  }
}

const char* our_type_name(ast::Kind k) {
  switch (k) {
    case ast::Kind::array: return "an array";
    case ast::Kind::string: return "a string";
    case ast::Kind::boolean: return "a boolean";
    default: return "a number";
  }
}

}  // namespace

ParseResult parse_strict(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts) {
  ParseResult r;
  r.doc.file = file;
  r.doc.text = text;
  r.doc.syntax = ast::Syntax::json;
  r.doc.dialect = ast::JsonDialect::strict;
  r.doc.syntax_ok = false;

  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    sink.report(diag::make(diag::Severity::error, "core-limit", "file larger than 4 GiB", SourceRange{file, 0, 0},
                           "entryc addresses files with 32-bit offsets."));
    return r;
  }

  Builder b(text, *r.doc.arena, opts.max_depth);
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(text.data(), text.size(),
                                                                                        "");
  try {
    pegtl::parse<grammar::document, action, control>(in, b);
  } catch (const Failure& f) {
    diag::Diagnostic d = syntax_diagnostic(file, text, f, b, opts.max_depth);
    if (!f.our_limit) {
      r.reference_error = go_syntax_text(text, static_cast<std::uint32_t>(f.at - text.data()), *f.info);
      d.consul_text = r.reference_error;
    }
    sink.report(std::move(d));
    return r;
  }

  ast::Value* top = b.last();
  if (top->kind == ast::Kind::null) {
    // Unmarshalling null into a map leaves it nil: no error, no members.
    top->kind = ast::Kind::object;
    r.doc.root = top;
    r.doc.syntax_ok = true;
    return r;
  }
  if (top->kind != ast::Kind::object) {
    r.reference_error = fmt::format("json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                                    go_type_name(top->kind));
    diag::Diagnostic d = diag::make(diag::Severity::error, "core-syntax",
                                    fmt::format("expected a JSON object, found {}", our_type_name(top->kind)),
                                    r.doc.range(*top), "A config entry is a JSON object: {\"Kind\": ...}.");
    d.consul_text = r.reference_error;
    sink.report(std::move(d));
    return r;
  }
  r.doc.root = top;
  r.doc.syntax_ok = b.out_of_range().empty();
  // The decoder keeps the first error and goes on; numbers become float64.
  for (const ast::Value* v : b.out_of_range()) {
    const std::string_view lexeme = r.doc.lexeme(*v);
    const std::string shown = lexeme.size() > 40 ? std::string(lexeme.substr(0, 37)) + "..." : std::string(lexeme);
    diag::Diagnostic d =
        diag::make(diag::Severity::error, "core-syntax", fmt::format("number {} is out of range", shown),
                   r.doc.range(*v), "Consul reads JSON numbers as 64-bit floats, which stop at about 1.8e308.");
    if (r.reference_error.empty()) {
      r.reference_error = fmt::format("json: cannot unmarshal number {} into Go value of type float64", lexeme);
      d.consul_text = r.reference_error;
    }
    sink.report(std::move(d));
  }
  return r;
}

}  // namespace entryc::json
