// A faithful port of hashicorp/hcl v1's JSON scanner and parser
// (json/scanner/scanner.go, json/parser/parser.go, v1.0.0): the JSON that
// `hcl.Decode` (and so Consul's ACL-rule parser) accepts, including the
// broken JSON it silently accepts. Every such leniency is reported as a
// warning (code json-lenient); what HashiCorp rejects is an error.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "entryc/json.hpp"
#include "entryc/utf8.hpp"
#include "go_pos.hpp"
#include "key_depth.hpp"

namespace entryc::json {
namespace {

using diag::Diagnostic;
using diag::Severity;

enum class JTok : std::uint8_t {
  illegal, eof, number, floating, boolean, string, null,
  lbrack, lbrace, comma, period, colon, rbrack, rbrace,
};

const char* go_name(JTok t) {
  static const char* names[] = {"ILLEGAL", "EOF",    "NUMBER", "FLOAT",  "BOOL",   "STRING", "NULL",
                                "LBRACK",  "LBRACE", "COMMA",  "PERIOD", "COLON",  "RBRACK", "RBRACE"};
  return names[static_cast<int>(t)];
}

struct JToken {
  JTok type = JTok::illegal;
  GoPos pos;
  std::uint32_t begin = 0, end = 0;
};

struct ScanError {
  GoPos pos;
  std::string msg;
  std::uint32_t offset;
  std::uint32_t tok_begin;  // start of the token being scanned
};

constexpr char32_t kEof = 0;

bool is_letter(char32_t ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
         (ch >= 0x80 && utf8::is_letter(ch));
}
bool is_digit(char32_t ch) { return (ch >= '0' && ch <= '9') || (ch >= 0x80 && utf8::is_digit(ch)); }
bool is_decimal(char32_t ch) { return ch >= '0' && ch <= '9'; }
bool is_whitespace(char32_t ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }
int digit_val(char32_t ch) {
  if (ch >= '0' && ch <= '9') return static_cast<int>(ch - '0');
  if (ch >= 'a' && ch <= 'f') return static_cast<int>(ch - 'a' + 10);
  if (ch >= 'A' && ch <= 'F') return static_cast<int>(ch - 'A' + 10);
  return 16;
}

// hcl/json/scanner: like the HCL scanner, but no comments, heredocs, CRLF
// folding or NUL check, and '\r' in positions is an ordinary character.
class Scanner {
 public:
  explicit Scanner(std::string_view src) : src_(src) { pos_.line = 1; }

  void scan(JToken& t);
  std::string_view text(const JToken& t) const { return src_.substr(t.begin, t.end - t.begin); }
  std::vector<ScanError> errors;
  bool panicked = false;  // bytes.Buffer.UnreadRune after a failed read panics in Go

 private:
  char32_t next() {
    if (buf_ < src_.size()) {
      const auto c = static_cast<unsigned char>(src_[buf_]);
      if (c >= 0x20 && c < 0x80) {  // the common case, inline
        ++buf_;
        last_read_size_ = 1;
        last_read_ok_ = true;
        stale_ = false;
        ++pos_.column;
        last_char_len_ = 1;
        last_newline_ = false;
        ++pos_.offset;
        return c;
      }
    }
    return next_slow();
  }
  char32_t next_slow() {
    if (buf_ >= src_.size()) {
      ++pos_.column;
      last_char_len_ = 0;
      last_read_ok_ = false;
      return kEof;
    }
    const auto c = static_cast<unsigned char>(src_[buf_]);
    char32_t ch;
    std::uint32_t size;
    if (c < 0x80) {
      ch = c;
      size = 1;
    } else {
      const utf8::Decoded d = utf8::decode(src_, buf_);
      ch = d.rune;
      size = d.size;
    }
    buf_ += size;
    last_read_size_ = size;
    last_read_ok_ = true;
    if (ch == utf8::kRuneError && size == 1) {
      // Go does not update prevPos here: an unread goes back to the
      // position before the previous character.
      if (!stale_) stale_prev_ = before_last();
      stale_ = true;
      ++pos_.column;
      pos_.offset += size;
      last_char_len_ = size;
      err("illegal UTF-8 encoding");
      return ch;
    }
    stale_ = false;
    ++pos_.column;
    last_char_len_ = size;
    last_newline_ = false;
    pos_.offset += size;
    if (ch == '\n') {
      ++pos_.line;
      last_line_len_ = pos_.column;
      pos_.column = 0;
      last_newline_ = true;
    }
    return ch;
  }
  // The position before the last rune read (Go's prevPos), derived.
  GoPos before_last() const {
    GoPos p = pos_;
    p.offset -= last_char_len_;
    if (last_newline_) {
      --p.line;
      p.column = last_line_len_ - 1;
    } else {
      --p.column;
    }
    return p;
  }
  void unread() {
    if (!last_read_ok_) {
      panicked = true;
      return;
    }
    buf_ -= last_read_size_;
    last_read_ok_ = false;
    pos_ = stale_ ? stale_prev_ : before_last();
    stale_ = false;
  }
  char32_t peek() {
    if (buf_ >= src_.size()) return kEof;
    const auto c = static_cast<unsigned char>(src_[buf_]);
    last_read_ok_ = false;  // ReadRune + UnreadRune leave no unreadable rune
    if (c < 0x80) return c;
    return utf8::decode(src_, buf_).rune;
  }
  GoPos recent_position() const {
    GoPos p;
    p.offset = pos_.offset - last_char_len_;
    if (pos_.column > 0) {
      p.line = pos_.line;
      p.column = pos_.column;
    } else if (last_line_len_ > 0) {
      p.line = pos_.line - 1;
      p.column = last_line_len_;
    } else {
      p.line = 1;
      p.column = 1;
    }
    return p;
  }
  void err(std::string msg) {
    const GoPos p = recent_position();
    errors.push_back({p, std::move(msg), static_cast<std::uint32_t>(buf_ - std::min<std::size_t>(buf_, last_char_len_)),
                      tok_start_});
  }
  JTok scan_number(char32_t ch);
  char32_t scan_mantissa(char32_t ch) {
    bool scanned = false;
    while (is_decimal(ch)) {
      ch = next();
      scanned = true;
    }
    if (scanned && ch != kEof) unread();
    return ch;
  }
  char32_t scan_fraction(char32_t ch) {
    if (ch == '.') {
      ch = peek();
      ch = scan_mantissa(ch);
    }
    return ch;
  }
  char32_t scan_exponent(char32_t ch) {
    if (ch == 'e' || ch == 'E') {
      ch = next();
      if (ch == '-' || ch == '+') ch = next();
      ch = scan_mantissa(ch);
    }
    return ch;
  }
  void scan_string();
  void scan_escape();
  void scan_digits(char32_t ch, int base, int n) {
    while (n > 0 && digit_val(ch) < base) {
      ch = next();
      --n;
    }
    if (n > 0) err("illegal char escape");
    unread();
  }
  std::string_view scan_identifier() {
    const std::size_t offs = buf_ - last_char_len_;
    char32_t ch = next();
    while (is_letter(ch) || is_digit(ch) || ch == '-') ch = next();
    if (ch != kEof) unread();
    return src_.substr(offs, buf_ - offs);
  }

  std::string_view src_;
  std::size_t buf_ = 0;  // bytes.Buffer read position
  GoPos pos_;            // Go's srcPos
  GoPos stale_prev_;     // Go's prevPos after an invalid UTF-8 byte
  bool stale_ = false;
  bool last_newline_ = false;
  std::uint32_t last_char_len_ = 0;
  std::uint32_t last_line_len_ = 0;
  std::uint32_t last_read_size_ = 0;
  bool last_read_ok_ = false;
  std::uint32_t tok_start_ = 0;
};

void Scanner::scan(JToken& t) {
  // Bulk whitespace skip with the state next() would leave.
  while (buf_ < src_.size()) {
    const char c = src_[buf_];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_.column;
      ++pos_.offset;
      ++buf_;
    } else if (c == '\n') {
      ++pos_.line;
      last_line_len_ = pos_.column + 1;
      pos_.column = 0;
      ++pos_.offset;
      ++buf_;
    } else {
      break;
    }
  }
  char32_t ch = next();
  while (is_whitespace(ch)) ch = next();
  JTok tok = JTok::illegal;
  const auto tok_start = static_cast<std::uint32_t>(buf_ - last_char_len_);
  tok_start_ = tok_start;
  GoPos tok_pos;
  tok_pos.offset = pos_.offset - last_char_len_;
  if (pos_.column > 0) {
    tok_pos.line = pos_.line;
    tok_pos.column = pos_.column;
  } else {
    tok_pos.line = pos_.line - 1;
    tok_pos.column = last_line_len_;
  }
  if (is_letter(ch)) {
    const std::string_view lit = scan_identifier();
    if (lit == "true" || lit == "false") tok = JTok::boolean;
    else if (lit == "null") tok = JTok::null;
    else err("illegal char");
  } else if (is_decimal(ch)) {
    tok = scan_number(ch);
  } else {
    switch (ch) {
      case kEof: tok = JTok::eof; break;
      case '"':
        tok = JTok::string;
        scan_string();
        break;
      case '.':
        tok = JTok::period;
        ch = peek();
        if (is_decimal(ch)) {
          tok = JTok::floating;
          ch = scan_mantissa(ch);
          ch = scan_exponent(ch);
        }
        break;
      case '[': tok = JTok::lbrack; break;
      case ']': tok = JTok::rbrack; break;
      case '{': tok = JTok::lbrace; break;
      case '}': tok = JTok::rbrace; break;
      case ',': tok = JTok::comma; break;
      case ':': tok = JTok::colon; break;
      case '-':
        if (is_decimal(peek())) {
          const char32_t c2 = next();
          tok = scan_number(c2);
        } else {
          err("illegal char");
        }
        break;
      default: {
        std::string s = "illegal char: ";
        utf8::append(s, ch);
        err(std::move(s));
        break;
      }
    }
  }
  t.type = tok;
  t.pos = tok_pos;
  t.begin = tok_start;
  t.end = static_cast<std::uint32_t>(buf_);
}

JTok Scanner::scan_number(char32_t ch) {
  const bool zero = ch == '0';
  const GoPos start = pos_;
  scan_mantissa(ch);
  ch = next();
  if (ch == 'e' || ch == 'E') {
    ch = scan_exponent(ch);
    return JTok::floating;
  }
  if (ch == '.') {
    ch = scan_fraction(ch);
    if (ch == 'e' || ch == 'E') {
      ch = next();
      ch = scan_exponent(ch);
    }
    return JTok::floating;
  }
  if (ch != kEof) unread();
  if (zero && (start.offset != pos_.offset || start.line != pos_.line || start.column != pos_.column)) {
    err("numbers cannot start with 0");
  }
  return JTok::number;
}

void Scanner::scan_string() {
  int braces = 0;
  for (;;) {
    {
      std::size_t off = buf_;
      while (off < src_.size()) {
        const auto c = static_cast<unsigned char>(src_[off]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '$' || c == '{' || c == '}') break;
        ++off;
      }
      const auto k = static_cast<std::uint32_t>(off - buf_);
      pos_.column += k;
      pos_.offset += k;
      buf_ = off;
    }
    const char32_t ch = next();
    if (ch == '\n' || ch == kEof) {
      err("literal not terminated");
      return;
    }
    if (ch == '"') break;
    if (braces == 0 && ch == '$' && peek() == '{') {
      ++braces;
      next();
    } else if (braces > 0 && ch == '{') {
      ++braces;
    }
    if (braces > 0 && ch == '}') --braces;
    if (ch == '\\') scan_escape();
  }
}

void Scanner::scan_escape() {
  const char32_t ch = next();
  switch (ch) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\': case '"':
      break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      scan_digits(ch, 8, 3);
      break;
    case 'x': scan_digits(next(), 16, 2); break;
    case 'u': scan_digits(next(), 16, 4); break;
    case 'U': scan_digits(next(), 16, 8); break;
    default: err("illegal char escape"); break;
  }
}

// Go's strconv.Unquote for a double-quoted string (Go 1.19).
bool go_unquote(std::string_view in, std::string& out) {
  out.clear();
  if (in.size() < 2 || in[0] != '"') return false;
  const std::size_t q = in.find('"', 1);
  if (q == std::string_view::npos) return false;
  const std::string_view first = in.substr(0, q + 1);
  if (first.find('\\') == std::string_view::npos && first.find('\n') == std::string_view::npos &&
      utf8::first_invalid(first.substr(1, first.size() - 2)) == std::string_view::npos) {
    if (q + 1 != in.size()) return false;
    out.assign(in.substr(1, in.size() - 2));
    return true;
  }
  std::string_view s = in.substr(1);
  while (!s.empty() && s[0] != '"') {
    if (s[0] == '\n') return false;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c >= 0x80) {
      const utf8::Decoded d = utf8::decode(s, 0);
      utf8::append(out, d.rune);
      s.remove_prefix(d.size);
      continue;
    }
    if (c != '\\') {
      out.push_back(static_cast<char>(c));
      s.remove_prefix(1);
      continue;
    }
    if (s.size() <= 1) return false;
    const char e = s[1];
    s.remove_prefix(2);
    switch (e) {
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case '\\': out.push_back('\\'); break;
      case '"': out.push_back('"'); break;
      case 'x': case 'u': case 'U': {
        const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (s.size() < n) return false;
        std::uint32_t v = 0;
        for (std::size_t j = 0; j < n; ++j) {
          const int x = digit_val(static_cast<unsigned char>(s[j]));
          if (x >= 16) return false;
          v = (v << 4) | static_cast<std::uint32_t>(x);
        }
        s.remove_prefix(n);
        if (e == 'x') {
          out.push_back(static_cast<char>(v));
        } else {
          if (v > utf8::kMaxRune) return false;
          utf8::append(out, v);
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        std::uint32_t v = static_cast<std::uint32_t>(e - '0');
        if (s.size() < 2) return false;
        for (std::size_t j = 0; j < 2; ++j) {
          const int x = s[j] - '0';
          if (x < 0 || x > 7) return false;
          v = (v << 3) | static_cast<std::uint32_t>(x);
        }
        s.remove_prefix(2);
        if (v > 255) return false;
        out.push_back(static_cast<char>(v));
        break;
      }
      default: return false;
    }
  }
  if (s.empty() || s[0] != '"') return false;
  return s.size() == 1;  // nothing may follow the closing quote
}

struct PErr {
  bool eof = false;
  std::string msg;  // HashiCorp's text (never positioned in this parser)
  std::string summary;
  std::uint32_t begin = 0, end = 0;
  bool suppressed = false;
  const char* code = "core-syntax";
  std::string detail;
};

// Errors are rare: on the heap, so the success path returns a null pointer.
using PErrPtr = std::unique_ptr<PErr>;

PErrPtr eof_error() {
  auto e = std::make_unique<PErr>();
  e->eof = true;
  return e;
}

class Parser {
 public:
  Parser(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts, ast::Document& doc)
      : file_(file), text_(text), sink_(sink), opts_(opts), doc_(doc), arena_(*doc.arena), sc_(text) {}
  std::string run();

 private:
  // Written in place into tok_; valid until the next scan().
  const JToken& scan() {
    if (n_ != 0) {
      n_ = 0;
      return tok_;
    }
    sc_.scan(tok_);
    return tok_;
  }
  PErrPtr object_list();
  PErrPtr object_item();
  PErrPtr object_key(std::size_t& nkeys);
  PErrPtr object_value(ast::Value*& out);
  PErrPtr object_type(ast::Value*& out, const JToken& lbrace);
  PErrPtr list_type(ast::Value*& out, const JToken& lbrack);
  ast::Value* literal();
  ast::Key make_key(const JToken& t);
  PErrPtr error(const JToken& t, std::string go_msg, std::string summary) {
    auto e = std::make_unique<PErr>();
    e->msg = std::move(go_msg);
    e->summary = std::move(summary);
    e->begin = t.begin;
    e->end = std::max(t.end, t.begin + 1);
    if (t.type == JTok::eof) e->end = e->begin;
    e->suppressed = t.type == JTok::illegal;
    return e;
  }
  PErrPtr limit_error(const JToken& t) {
    PErrPtr e = error(t, fmt::format("nesting deeper than {} levels", opts_.max_depth),
                      fmt::format("nesting deeper than {} levels", opts_.max_depth));
    e->code = "core-limit";
    e->detail = "entryc refuses deeper nesting to protect its stack; see docs/limits.md.";
    return e;
  }
  std::string describe(const JToken& t) const {
    if (t.type == JTok::eof) return "end of input";
    return fmt::format("'{}'", utf8::sanitize(sc_.text(t), 20));
  }
  std::string go_token(const JToken& t) const {
    return fmt::format("{} {} {}", t.pos.str(), go_name(t.type), sc_.text(t));
  }
  void warn(std::uint32_t begin, std::uint32_t end, std::string summary, std::string detail) {
    pending_.push_back(diag::make(Severity::warning, "json-lenient", std::move(summary), {file_, begin, end},
                                  std::move(detail)));
  }

  FileId file_;
  std::string_view text_;
  diag::Sink& sink_;
  const ParseOptions& opts_;
  ast::Document& doc_;
  Arena& arena_;
  Scanner sc_;
  JToken tok_;
  int n_ = 0;
  std::uint32_t depth_ = 0;
  struct Scratch {
    std::vector<ast::Member> members;
    std::vector<ast::Value*> items;
    std::vector<ast::Key> keys;
    std::string str;
  };
  static Scratch& scratch() {
    thread_local Scratch s;
    return s;
  }
  Scratch& scr_ = scratch();
  std::vector<ast::Member>& members_ = scr_.members;
  std::vector<ast::Value*>& items_ = scr_.items;
  std::vector<ast::Key>& keys_ = scr_.keys;
  std::string& scratch_ = scr_.str;
  std::vector<Diagnostic> pending_;
};

ast::Key Parser::make_key(const JToken& t) {
  ast::Key k;
  k.begin = t.begin;
  k.end = t.end;
  const std::string_view raw = sc_.text(t);
  if (!go_unquote(raw, scratch_)) {
    k.flags |= ast::Key::kBadString;
    scratch_.assign(raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : raw);
  }
  const std::string_view v = arena_.copy(std::string_view(scratch_));
  k.name_ptr = v.data();
  k.name_len = static_cast<std::uint32_t>(v.size());
  return k;
}

ast::Value* Parser::literal() {
  ast::Value* v = arena_.make<ast::Value>();
  v->flags = ast::kFromJson;
  v->begin = tok_.begin;
  v->end = tok_.end;
  const std::string_view raw = sc_.text(tok_);
  switch (tok_.type) {
    case JTok::number: v->kind = ast::Kind::integer; break;
    case JTok::floating: v->kind = ast::Kind::floating; break;
    case JTok::boolean:
      v->kind = ast::Kind::boolean;
      v->count = raw == "true" ? 1 : 0;
      break;
    case JTok::null: v->kind = ast::Kind::null; break;
    case JTok::string: {
      v->kind = ast::Kind::string;
      const std::string_view inner = raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : std::string_view{};
      bool plain = raw.size() >= 2 && raw.back() == '"';
      bool ascii = true;
      for (const char c : inner) {
        if (c == '\\' || c == '"') plain = false;
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
      }
      if (plain && (ascii || utf8::first_invalid(inner) == std::string_view::npos)) {
        v->data = inner.data();
        v->count = static_cast<std::uint32_t>(inner.size());
        break;
      }
      if (!go_unquote(raw, scratch_)) {
        v->flags |= ast::kBadString;
        scratch_.assign(inner);
      }
      const std::string_view s = arena_.copy(std::string_view(scratch_));
      v->data = s.data();
      v->count = static_cast<std::uint32_t>(s.size());
      break;
    }
    default: break;
  }
  return v;
}

PErrPtr Parser::object_list() {
  for (;;) {
    PErrPtr err = object_item();
    if (err && err->eof) break;
    if (err) return err;
    const JToken& t = scan();
    if (t.type != JTok::comma) {
      if (t.type == JTok::eof) {
        warn(t.begin, t.begin, "missing '}' at the end of the input",
             "HashiCorp's HCL v1 JSON parser accepts JSON that ends before its objects are closed; Consul's "
             "config-write (encoding/json) rejects it. Close every '{'.");
      } else if (t.type != JTok::rbrace) {
        warn(t.begin, std::max(t.end, t.begin + 1),
             fmt::format("expected ',' or '}}' after an object member, found {}; the rest of the object is ignored",
                         describe(t)),
             "HashiCorp's HCL v1 JSON parser stops reading an object at the first member not followed by ',' "
             "or '}' and silently drops what follows; Consul's config-write (encoding/json) rejects the file.");
      }
      break;
    }
  }
  return nullptr;
}

PErrPtr Parser::object_key(std::size_t& nkeys) {
  nkeys = 0;
  for (;;) {
    const JToken& t = scan();
    switch (t.type) {
      case JTok::eof: return eof_error();
      case JTok::string:
        ++nkeys;
        keys_.push_back(make_key(t));
        break;
      case JTok::colon:
        if (nkeys == 0) return error(t, "expected: STRING got: COLON", "expected a string key before ':'");
        return nullptr;
      case JTok::illegal: return error(t, "illegal", "illegal token");
      default:
        if (t.type == JTok::rbrace) {
          return error(t, fmt::format("expected: STRING got: {}", go_name(t.type)),
                       nkeys == 0 ? "expected a string key, found '}' (trailing comma?)"
                                  : "expected ':' after the key, found '}'");
        }
        return error(t, fmt::format("expected: STRING got: {}", go_name(t.type)),
                     fmt::format("expected a string key, found {}", describe(t)));
    }
  }
}

PErrPtr Parser::object_item() {
  const std::size_t kmark = keys_.size();
  std::size_t nkeys = 0;
  PErrPtr err = object_key(nkeys);
  if (err) {
    keys_.resize(kmark);
    return err;
  }
  // Keys before one ':' count toward the nesting limit (key_depth.hpp).
  parse_detail::KeyDepth key_depth(depth_, nkeys, tok_.type == JTok::colon);
  if (!key_depth.enter(opts_.max_depth)) {
    PErrPtr e = limit_error(tok_);
    const ast::Key& over = keys_[kmark + key_depth.first_over(opts_.max_depth)];
    e->begin = over.begin;
    e->end = over.end;
    keys_.resize(kmark);
    return e;
  }
  ast::Member m;
  ast::Value* val = nullptr;
  if (tok_.type == JTok::colon) {
    m.op = tok_.begin + 1;
    PErrPtr e = object_value(val);
    if (e) {
      if (e->eof) {
        warn(keys_[kmark].begin, tok_.begin, "member without a value at the end of the input is dropped",
             "HashiCorp's HCL v1 JSON parser silently drops a member whose value is cut off by the end of the "
             "input; Consul's config-write (encoding/json) rejects the file.");
      }
      keys_.resize(kmark);
      return e;
    }
  }
  if (nkeys > 1) {
    warn(keys_[kmark].begin, keys_.back().end, "several keys before one ':'",
         "HashiCorp's HCL v1 JSON parser reads \"a\" \"b\": v like the HCL block a \"b\" { }; strict JSON "
         "(Consul's config-write) rejects it.");
  }
  m.nkeys = static_cast<std::uint32_t>(nkeys);
  m.keys_ptr = arena_.copy(std::span<const ast::Key>(keys_.data() + kmark, nkeys)).data();
  keys_.resize(kmark);
  m.value = val;
  members_.push_back(m);
  return nullptr;
}

PErrPtr Parser::object_value(ast::Value*& out) {
  const JToken t = scan();  // a copy: object_type/list_type scan further
  switch (t.type) {
    case JTok::number:
    case JTok::floating:
    case JTok::boolean:
    case JTok::null:
    case JTok::string: out = literal(); return nullptr;
    case JTok::lbrace: return object_type(out, t);
    case JTok::lbrack: return list_type(out, t);
    case JTok::eof: return eof_error();
    default: break;
  }
  return error(t, "Expected object value, got unknown token: " + go_token(t),
               fmt::format("expected a value, found {}", describe(t)));
}

PErrPtr Parser::object_type(ast::Value*& out, const JToken& lbrace) {
  if (++depth_ > opts_.max_depth) {
    --depth_;
    return limit_error(lbrace);
  }
  const std::size_t mark = members_.size();
  PErrPtr err = object_list();
  if (err && tok_.type != JTok::rbrace) {
    members_.resize(mark);
    --depth_;
    return err;
  }
  if (err && !err->suppressed) {
    warn(err->begin, err->end, "ignored syntax error: " + err->summary,
         "HashiCorp's HCL v1 JSON parser ignores an error found at a '}' (a trailing comma, for example); "
         "Consul's config-write (encoding/json) rejects the file.");
  }
  ast::Value* v = arena_.make<ast::Value>();
  v->kind = ast::Kind::object;
  v->flags = ast::kFromJson;
  v->begin = lbrace.begin;
  v->end = tok_.end;
  const auto n = members_.size() - mark;
  v->data = arena_.copy(std::span<const ast::Member>(members_.data() + mark, n)).data();
  v->count = static_cast<std::uint32_t>(n);
  members_.resize(mark);
  out = v;
  --depth_;
  return nullptr;
}

PErrPtr Parser::list_type(ast::Value*& out, const JToken& lbrack) {
  if (++depth_ > opts_.max_depth) {
    --depth_;
    return limit_error(lbrack);
  }
  const std::size_t mark = items_.size();
  bool after_comma = false, first = true, flattened = false;
  for (;;) {
    const JToken t = scan();  // a copy: object_type scans further
    if (t.type == JTok::comma && (after_comma || first)) {
      warn(t.begin, t.end, "empty list item",
           "HashiCorp's HCL v1 JSON parser skips a ',' that follows '[' or another ','; strict JSON (Consul's "
           "config-write) rejects it.");
    }
    if (t.type == JTok::rbrack && after_comma) {
      warn(t.begin, t.end, "trailing comma before ']'",
           "HashiCorp's HCL v1 JSON parser accepts a trailing comma in a list; strict JSON (Consul's "
           "config-write) rejects it.");
    }
    after_comma = t.type == JTok::comma;
    first = false;
    switch (t.type) {
      case JTok::number:
      case JTok::floating:
      case JTok::string: items_.push_back(literal()); break;
      case JTok::comma: continue;
      case JTok::lbrace: {
        ast::Value* v = nullptr;
        PErrPtr e = object_type(v, t);
        if (e) {
          items_.resize(mark);
          --depth_;
          return e;
        }
        items_.push_back(v);
        break;
      }
      case JTok::boolean:
        warn(t.begin, t.end, fmt::format("list item {} is dropped", sc_.text(t)),
             "HashiCorp's HCL v1 JSON parser silently drops true/false inside a list.");
        break;
      case JTok::lbrack:
        // Once per list: '[[[[...' would otherwise give one warning per bracket.
        if (!flattened) {
          warn(t.begin, t.end, "nested list is flattened into its parent",
               "HashiCorp's HCL v1 JSON parser does not support lists inside lists: it skips the '[' and ends the "
               "outer list at the inner ']'.");
        }
        flattened = true;
        break;
      case JTok::rbrack: {
        ast::Value* v = arena_.make<ast::Value>();
        v->kind = ast::Kind::array;
        v->flags = ast::kFromJson;
        v->begin = lbrack.begin;
        v->end = t.end;
        const auto n = items_.size() - mark;
        v->data = arena_.copy(std::span<ast::Value* const>(items_.data() + mark, n)).data();
        v->count = static_cast<std::uint32_t>(n);
        items_.resize(mark);
        out = v;
        --depth_;
        return nullptr;
      }
      default: {
        items_.resize(mark);
        --depth_;
        return error(t, fmt::format("unexpected token while parsing list: {}", go_name(t.type)),
                     t.type == JTok::eof ? "unterminated list: expected ']'"
                                         : fmt::format("unexpected {} in a list", describe(t)));
      }
    }
  }
}

Diagnostic scanner_diagnostic(FileId file, std::string_view text, const ScanError& e) {
  const auto at = std::min<std::uint32_t>(e.offset, static_cast<std::uint32_t>(text.size()));
  SourceRange r{file, at, std::min<std::uint32_t>(at + 1, static_cast<std::uint32_t>(text.size()))};
  std::string summary = e.msg;
  const char* code = "core-syntax";
  if (e.msg == "illegal UTF-8 encoding") {
    code = "core-encoding";
    summary = fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned>(static_cast<unsigned char>(text[at])));
  } else if (e.msg == "literal not terminated") {
    summary = "unterminated string";
  } else if (e.msg == "illegal char escape") {
    summary = "invalid escape sequence in string";
  } else if (e.msg == "numbers cannot start with 0") {
    summary = "a number cannot start with 0";
  } else if (e.msg == "illegal char" && e.tok_begin < text.size() &&
             (std::isalpha(static_cast<unsigned char>(text[e.tok_begin])) || text[e.tok_begin] == '_')) {
    std::size_t end = e.tok_begin;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                 text[end] == '-')) {
      ++end;
    }
    const std::string_view word = text.substr(e.tok_begin, end - e.tok_begin);
    r = SourceRange{file, e.tok_begin, static_cast<std::uint32_t>(end)};
    summary = fmt::format("unknown word '{}'", utf8::sanitize(word, 24));
    Diagnostic d = diag::make(Severity::error, code, std::move(summary), r,
                              "JSON values are double-quoted strings, numbers, true, false, null, objects and lists.");
    d.consul_text = e.pos.str() + ": " + e.msg;
    return d;
  } else if (e.msg == "illegal char: '") {
    summary = "single quotes do not make a JSON string";
    Diagnostic d = diag::make(Severity::error, code, std::move(summary), r, "Use double quotes: \"name\".");
    d.consul_text = e.pos.str() + ": " + e.msg;
    return d;
  } else if (e.msg.rfind("illegal char", 0) == 0) {
    const utf8::Decoded d = utf8::decode(text, at);
    std::string shown;
    utf8::append(shown, d.rune);
    summary = fmt::format("illegal character '{}'", shown);
    r.end = at + std::max<std::uint32_t>(d.size, 1);
  }
  Diagnostic d = diag::make(Severity::error, code, std::move(summary), r);
  d.consul_text = e.pos.str() + ": " + e.msg;
  return d;
}

std::string Parser::run() {
  members_.clear();
  items_.clear();
  keys_.clear();
  std::string reference;
  ast::Value* root = nullptr;
  PErrPtr err;
  const JToken first = scan();  // a copy
  if (first.type == JTok::lbrace) {
    err = object_type(root, first);
  } else if (first.type == JTok::eof) {
    err = eof_error();
    err->msg = "EOF token found";
    err->summary = "expected a JSON object, found end of input";
  } else {
    err = error(first, "Expected object, got unknown token: " + go_token(first),
                fmt::format("expected a JSON object, found {}", describe(first)));
  }
  if (sc_.panicked) {
    reference = "panic in hcl: bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune";
  } else if (!sc_.errors.empty()) {
    reference = sc_.errors.back().pos.str() + ": " + sc_.errors.back().msg;
  } else if (err) {
    reference = err->msg;
  }
  for (const ScanError& e : sc_.errors) pending_.push_back(scanner_diagnostic(file_, text_, e));
  if (err && !err->suppressed) {
    Diagnostic d = diag::make(Severity::error, err->code, err->summary, {file_, err->begin, err->end}, err->detail);
    d.consul_text = err->msg;
    pending_.push_back(std::move(d));
  }
  if (root && reference.empty()) {
    // HashiCorp's parser never looks past the top-level object.
    std::size_t rest = root->end;
    while (rest < text_.size() && (text_[rest] == ' ' || text_[rest] == '\t' || text_[rest] == '\n' ||
                                   text_[rest] == '\r')) {
      ++rest;
    }
    if (rest < text_.size()) {
      warn(static_cast<std::uint32_t>(rest), static_cast<std::uint32_t>(text_.size()),
           "content after the top-level object is ignored",
           "HashiCorp's HCL v1 JSON parser stops after the first object and ignores the rest of the input; "
           "Consul's config-write (encoding/json) rejects it.");
    }
  }
  if (!root) {
    root = arena_.make<ast::Value>();
    root->kind = ast::Kind::object;
    root->flags = ast::kFromJson;
  }
  doc_.root = root;
  doc_.syntax_ok = reference.empty();
  bool attached = false;
  for (const std::size_t i : diag::source_order(pending_)) {
    Diagnostic& d = pending_[i];
    if (d.severity == Severity::error && !attached && d.consul_text == reference) {
      attached = true;
    } else {
      d.consul_text.clear();
    }
    sink_.report(std::move(d));
  }
  return reference;
}

}  // namespace

ParseResult parse_hcl(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts) {
  ParseResult r;
  r.doc.file = file;
  r.doc.text = text;
  r.doc.syntax = ast::Syntax::json;
  r.doc.dialect = ast::JsonDialect::hcl;
  r.doc.arena = std::make_unique<Arena>(text.size() + 1024);
  Parser p(file, text, sink, opts, r.doc);
  r.reference_error = p.run();
  return r;
}

}  // namespace entryc::json
