#include "hcl_scanner.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#include "entryc/utf8.hpp"

namespace entryc::hcl {
namespace {

bool is_letter(char32_t ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
         (ch >= 0x80 && utf8::is_letter(ch));
}
bool is_digit(char32_t ch) { return (ch >= '0' && ch <= '9') || (ch >= 0x80 && utf8::is_digit(ch)); }
bool is_decimal(char32_t ch) { return ch >= '0' && ch <= '9'; }
bool is_hexadecimal(char32_t ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}
bool is_whitespace(char32_t ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }
int digit_val(char32_t ch) {
  if (ch >= '0' && ch <= '9') return static_cast<int>(ch - '0');
  if (ch >= 'a' && ch <= 'f') return static_cast<int>(ch - 'a' + 10);
  if (ch >= 'A' && ch <= 'F') return static_cast<int>(ch - 'A' + 10);
  return 16;
}

// Go's regexp `^[[:space:]]*ANCHOR\r*\z` on one heredoc line.
bool matches_anchor(std::string_view line, std::string_view anchor) {
  std::size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
  // [[:space:]]* is greedy but can backtrack; the anchor never starts with a
  // space, so skipping all leading spaces is equivalent.
  while (i < line.size() && space(line[i])) ++i;
  if (line.substr(i, anchor.size()) != anchor) return false;
  i += anchor.size();
  while (i < line.size() && line[i] == '\r') ++i;
  return i == line.size();
}

}  // namespace

const char* go_name(Tok t) {
  switch (t) {
    case Tok::illegal: return "ILLEGAL";
    case Tok::eof: return "EOF";
    case Tok::comment: return "COMMENT";
    case Tok::ident: return "IDENT";
    case Tok::number: return "NUMBER";
    case Tok::floating: return "FLOAT";
    case Tok::boolean: return "BOOL";
    case Tok::string: return "STRING";
    case Tok::heredoc: return "HEREDOC";
    case Tok::lbrack: return "LBRACK";
    case Tok::lbrace: return "LBRACE";
    case Tok::comma: return "COMMA";
    case Tok::period: return "PERIOD";
    case Tok::rbrack: return "RBRACK";
    case Tok::rbrace: return "RBRACE";
    case Tok::assign: return "ASSIGN";
    case Tok::add: return "ADD";
    case Tok::sub: return "SUB";
  }
  return "ILLEGAL";
}

void Scanner::skip_whitespace() {
  const auto n = static_cast<std::uint32_t>(src_.size());
  std::uint32_t off = cur_.offset;
  while (off < n) {
    const char c = src_[off];
    if (c == ' ') {
      // Indentation and alignment: runs of spaces, eight bytes at a time.
      std::uint32_t run = 1;
      for (;;) {
        if (off + run + 8 > n) {
          while (off + run < n && src_[off + run] == ' ') ++run;
          break;
        }
        std::uint64_t word;
        std::memcpy(&word, src_.data() + off + run, sizeof word);
        const std::uint64_t other = word ^ 0x2020202020202020ull;  // non-zero bytes: not a space
        if (other == 0) {
          run += 8;
          continue;
        }
        if constexpr (std::endian::native == std::endian::little) {
          run += static_cast<std::uint32_t>(std::countr_zero(other) / 8);  // the spaces before the first other byte
        } else {
          while (src_[off + run] == ' ') ++run;  // stops within these eight bytes
        }
        break;
      }
      cur_.column += run;
      off += run;
    } else if (c == '\t') {
      ++cur_.column;
      ++off;
    } else if (c == '\n' || (c == '\r' && off + 1 < n && src_[off + 1] == '\n')) {
      ++cur_.line;
      last_line_len_ = cur_.column + 1;
      cur_.column = 0;
      off += c == '\n' ? 1 : 2;
    } else if (c == '\r') {
      ++cur_.column;
      ++off;
    } else {
      break;
    }
  }
  cur_.offset = off;
}

char32_t Scanner::next_slow() {
  if (cur_.offset >= src_.size()) {
    ++cur_.column;
    last_char_len_ = 0;
    return kEof;
  }
  const auto c = static_cast<unsigned char>(src_[cur_.offset]);
  char32_t ch;
  std::uint32_t size;
  if (c < 0x80) {
    ch = c;
    size = 1;
    if (c == '\r' && cur_.offset + 1 < src_.size() && src_[cur_.offset + 1] == '\n') {
      ch = '\n';
      size = 2;
    }
  } else {
    const utf8::Decoded d = utf8::decode(src_, cur_.offset);
    ch = d.rune;
    size = d.size;
  }
  ++cur_.column;
  last_char_len_ = size;
  last_newline_ = false;
  cur_.offset += size;
  if (ch == utf8::kRuneError && size == 1) {
    err("illegal UTF-8 encoding");
    return ch;
  }
  if (ch == '\n') {
    ++cur_.line;
    last_line_len_ = cur_.column;
    cur_.column = 0;
    last_newline_ = true;
  }
  if (ch == 0) {
    err("unexpected null character (0x00)");
    return kEof;
  }
  if (ch == 0xE123) {
    err("unicode code point U+E123 reserved for internal use");
    return utf8::kRuneError;
  }
  return ch;
}

char32_t Scanner::peek() const {
  if (cur_.offset >= src_.size()) return kEof;
  const auto c = static_cast<unsigned char>(src_[cur_.offset]);
  if (c < 0x80) {
    if (c == '\r' && cur_.offset + 1 < src_.size() && src_[cur_.offset + 1] == '\n') return '\n';
    return c;
  }
  return utf8::decode(src_, cur_.offset).rune;
}

GoPos Scanner::recent_position() const {
  GoPos pos;
  pos.offset = cur_.offset - last_char_len_;
  if (cur_.column > 0) {
    pos.line = cur_.line;
    pos.column = cur_.column;
  } else if (last_line_len_ > 0) {
    pos.line = cur_.line - 1;
    pos.column = last_line_len_;
  } else {
    pos.line = 1;
    pos.column = 1;
  }
  return pos;
}

void Scanner::err(const char* msg) {
  const GoPos pos = recent_position();
  errors_.push_back({pos, msg, pos.offset, tok_start_});
}

void Scanner::scan(Token& t) {
  skip_whitespace();
  char32_t ch = next();
  while (is_whitespace(ch)) ch = next();

  Tok tok = Tok::illegal;
  const std::uint32_t tok_start = cur_.offset - last_char_len_;
  tok_start_ = tok_start;
  GoPos tok_pos;
  tok_pos.offset = tok_start;
  if (cur_.column > 0) {
    tok_pos.line = cur_.line;
    tok_pos.column = cur_.column;
  } else {
    tok_pos.line = cur_.line - 1;
    tok_pos.column = last_line_len_;
  }

  if (is_letter(ch)) {
    tok = Tok::ident;
    const std::uint32_t offs = cur_.offset - last_char_len_;
    scan_identifier();
    const std::string_view lit = src_.substr(offs, cur_.offset - offs);
    if (lit == "true" || lit == "false") tok = Tok::boolean;
  } else if (is_decimal(ch)) {
    tok = scan_number(ch);
  } else {
    switch (ch) {
      case kEof: tok = Tok::eof; break;
      case '"':
        tok = Tok::string;
        plain_ = true;
        scan_string();
        break;
      case '#':
      case '/':
        tok = Tok::comment;
        scan_comment(ch);
        break;
      case '.':
        tok = Tok::period;
        ch = peek();
        if (is_decimal(ch)) {
          tok = Tok::floating;
          ch = scan_mantissa(ch);
          ch = scan_exponent(ch);
        }
        break;
      case '<':
        tok = Tok::heredoc;
        scan_heredoc();
        break;
      case '[': tok = Tok::lbrack; break;
      case ']': tok = Tok::rbrack; break;
      case '{': tok = Tok::lbrace; break;
      case '}': tok = Tok::rbrace; break;
      case ',': tok = Tok::comma; break;
      case '=': tok = Tok::assign; break;
      case '+': tok = Tok::add; break;
      case '-':
        if (is_decimal(peek())) {
          const char32_t c2 = next();
          tok = scan_number(c2);
        } else {
          tok = Tok::sub;
        }
        break;
      default: err("illegal char"); break;
    }
  }
  t.type = tok;
  t.pos = tok_pos;
  t.begin = tok_start;
  t.end = cur_.offset;
  t.plain = tok == Tok::string && plain_;
  plain_ = false;
}

void Scanner::scan_comment(char32_t ch) {
  if (ch == '#' || (ch == '/' && peek() != '*')) {
    if (ch == '/' && peek() != '/') {
      err("expected '/' for comment");
      return;
    }
    ch = next();
    while (ch != '\n' && ch != kEof) {
      skip_plain([](unsigned char c) { return c >= 0x20 && c < 0x80; });
      ch = next();
    }
    if (ch != kEof) unread();
    return;
  }
  if (ch == '/') {
    next();
    ch = next();
  }
  for (;;) {
    if (ch == kEof) {
      err("comment not terminated");
      break;
    }
    const char32_t ch0 = ch;
    if (ch0 != '*') skip_plain([](unsigned char c) { return c >= 0x20 && c < 0x80 && c != '*'; });
    ch = next();
    if (ch0 == '*' && ch == '/') break;
  }
}

Tok Scanner::scan_number(char32_t ch) {
  if (ch == '0') {
    ch = next();
    if (ch == 'x' || ch == 'X') {
      ch = next();
      bool found = false;
      while (is_hexadecimal(ch)) {
        ch = next();
        found = true;
      }
      if (!found) err("illegal hexadecimal number");
      if (ch != kEof) unread();
      return Tok::number;
    }
    bool illegal_octal = false;
    while (is_decimal(ch)) {
      ch = next();
      if (ch == '8' || ch == '9') illegal_octal = true;
    }
    if (ch == 'e' || ch == 'E') {
      ch = scan_exponent(ch);
      return Tok::floating;
    }
    if (ch == '.') {
      ch = scan_fraction(ch);
      if (ch == 'e' || ch == 'E') {
        ch = next();
        ch = scan_exponent(ch);
      }
      return Tok::floating;
    }
    if (illegal_octal) err("illegal octal number");
    if (ch != kEof) unread();
    return Tok::number;
  }
  scan_mantissa(ch);
  ch = next();
  if (ch == 'e' || ch == 'E') {
    ch = scan_exponent(ch);
    return Tok::floating;
  }
  if (ch == '.') {
    ch = scan_fraction(ch);
    if (ch == 'e' || ch == 'E') {
      ch = next();
      ch = scan_exponent(ch);
    }
    return Tok::floating;
  }
  if (ch != kEof) unread();
  return Tok::number;
}

char32_t Scanner::scan_mantissa(char32_t ch) {
  bool scanned = false;
  while (is_decimal(ch)) {
    ch = next();
    scanned = true;
  }
  if (scanned && ch != kEof) unread();
  return ch;
}

char32_t Scanner::scan_fraction(char32_t ch) {
  if (ch == '.') {
    ch = peek();
    ch = scan_mantissa(ch);
  }
  return ch;
}

char32_t Scanner::scan_exponent(char32_t ch) {
  if (ch == 'e' || ch == 'E') {
    ch = next();
    if (ch == '-' || ch == '+') ch = next();
    ch = scan_mantissa(ch);
  }
  return ch;
}

void Scanner::scan_heredoc() {
  if (next() != '<') {
    err("heredoc expected second '<', didn't see it");
    return;
  }
  const std::uint32_t offs = cur_.offset;
  char32_t ch = next();
  if (ch == '-') ch = next();
  while (is_letter(ch) || is_digit(ch)) ch = next();
  if (ch == kEof) {
    err("heredoc not terminated");
    return;
  }
  if (ch == '\r') {
    if (peek() == '\n') ch = next();
  }
  if (ch != '\n') {
    err("invalid characters in heredoc anchor");
    return;
  }
  const std::string_view ident = src_.substr(offs, cur_.offset - last_char_len_ - offs);
  if (ident.empty() || ident == "-") {
    err("zero-length heredoc anchor");
    return;
  }
  const std::string_view anchor = ident[0] == '-' ? ident.substr(1) : ident;
  std::uint32_t line_start = cur_.offset;
  for (;;) {
    skip_plain([](unsigned char c) { return c >= 0x20 && c < 0x80; });
    ch = next();
    if (ch == '\n') {
      const std::uint32_t line_end = cur_.offset - last_char_len_;
      if (line_end - line_start >= ident.size() &&
          matches_anchor(src_.substr(line_start, line_end - line_start), anchor)) {
        break;
      }
      line_start = cur_.offset;
    }
    if (ch == kEof) {
      err("heredoc not terminated");
      return;
    }
  }
}

void Scanner::scan_string() {
  int braces = 0;
  for (;;) {
    static constexpr auto kPlain = byte_table([](unsigned char c) {
      return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '$' && c != '{' && c != '}';
    });
    skip_plain([](unsigned char c) { return kPlain[c]; });
    const char32_t ch = next();
    if ((ch == '\n' && braces == 0) || ch == kEof) {
      err("literal not terminated");
      plain_ = false;
      return;
    }
    if (ch == '"' && braces == 0) break;
    if (ch == '\\' || ch == '$' || ch == '"' || ch == '\n' || ch == '\r') plain_ = false;
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

char32_t Scanner::scan_escape() {
  char32_t ch = next();
  switch (ch) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\': case '"':
      break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      ch = scan_digits(ch, 8, 3);
      break;
    case 'x': ch = scan_digits(next(), 16, 2); break;
    case 'u': ch = scan_digits(next(), 16, 4); break;
    case 'U': ch = scan_digits(next(), 16, 8); break;
    default: err("illegal char escape"); break;
  }
  return ch;
}

char32_t Scanner::scan_digits(char32_t ch, int base, int n) {
  const int start = n;
  while (n > 0 && digit_val(ch) < base) {
    ch = next();
    if (ch == kEof) break;
    --n;
  }
  if (n > 0) err("illegal char escape");
  if (n != start && ch != kEof) unread();
  return ch;
}

void Scanner::scan_identifier() {
  char32_t ch = next();
  while (is_letter(ch) || is_digit(ch) || ch == '-' || ch == '.') {
    static constexpr auto kPlain = byte_table([](unsigned char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
             c == '.';
    });
    skip_plain([](unsigned char c) { return kPlain[c]; });
    ch = next();
  }
  if (ch != kEof) unread();
}

// ---------------------------------------------------------------------------
// hcl/strconv.Unquote

namespace {

int unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's unquoteChar for quote '"'. Appends the decoded character to out.
bool unquote_char(std::string_view& s, std::string& out) {
  const auto c = static_cast<unsigned char>(s[0]);
  if (c == '"') return false;
  if (c >= 0x80) {
    const utf8::Decoded d = utf8::decode(s, 0);
    utf8::append(out, d.rune);
    s.remove_prefix(d.size);
    return true;
  }
  if (c != '\\') {
    out.push_back(static_cast<char>(c));
    s.remove_prefix(1);
    return true;
  }
  if (s.size() <= 1) return false;
  const char e = s[1];
  s.remove_prefix(2);
  switch (e) {
    case 'a': out.push_back('\a'); return true;
    case 'b': out.push_back('\b'); return true;
    case 'f': out.push_back('\f'); return true;
    case 'n': out.push_back('\n'); return true;
    case 'r': out.push_back('\r'); return true;
    case 't': out.push_back('\t'); return true;
    case 'v': out.push_back('\v'); return true;
    case 'x': case 'u': case 'U': {
      const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return false;
      std::uint32_t v = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const int x = unhex(s[j]);
        if (x < 0) return false;
        v = (v << 4) | static_cast<std::uint32_t>(x);
      }
      s.remove_prefix(n);
      if (e == 'x') {
        out.push_back(static_cast<char>(v));  // a single byte, possibly not UTF-8
        return true;
      }
      if (v > utf8::kMaxRune) return false;
      utf8::append(out, v);
      return true;
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
      return true;
    }
    case '\\': out.push_back('\\'); return true;
    case '"': out.push_back('"'); return true;
    default: return false;  // includes '\'' with a '"' quote
  }
}

}  // namespace

bool unquote(std::string_view s, std::string& out) {
  out.clear();
  const std::size_t n = s.size();
  if (n < 2 || s[0] != '"' || s[n - 1] != '"') return false;
  s = s.substr(1, n - 2);
  const bool has_dollar = s.find('$') != std::string_view::npos;
  if (!has_dollar && s.find('{') == std::string_view::npos && s.find('\n') != std::string_view::npos) {
    return false;
  }
  if (s.find('\\') == std::string_view::npos && s.find('"') == std::string_view::npos && !has_dollar) {
    out.assign(s);
    return true;
  }
  out.reserve(s.size());
  while (!s.empty()) {
    if (s[0] == '$' && s.size() > 1 && s[1] == '{') {
      out.append("${");
      s.remove_prefix(2);
      int braces = 1;
      while (!s.empty() && braces > 0) {
        const utf8::Decoded d = utf8::decode(s, 0);
        if (d.rune == utf8::kRuneError) return false;
        out.append(s.substr(0, d.size));
        s.remove_prefix(d.size);
        if (d.rune == '{') ++braces;
        if (d.rune == '}') --braces;
      }
      if (braces != 0) return false;
      continue;
    }
    if (s[0] == '\n') return false;
    if (!unquote_char(s, out)) return false;
  }
  return true;
}

std::string unindent_heredoc(std::string_view heredoc) {
  const std::size_t idx = heredoc.find('\n');
  if (idx == std::string_view::npos || heredoc.size() < 3) return {};
  const bool unindent = heredoc[2] == '-';
  const std::size_t len = heredoc.size();
  auto slice = [&](std::size_t lo, std::size_t hi) -> std::string_view {
    if (hi > len) hi = len;
    if (lo > hi) return {};
    return heredoc.substr(lo, hi - lo);
  };
  if (!unindent) return std::string(slice(idx + 1, len - idx + 1));
  const std::string_view body = slice(idx + 1, len - idx + 2);
  std::vector<std::string_view> lines;
  for (std::size_t p = 0;;) {
    const std::size_t q = body.find('\n', p);
    if (q == std::string_view::npos) {
      lines.push_back(body.substr(p));
      break;
    }
    lines.push_back(body.substr(p, q - p));
    p = q + 1;
  }
  const std::string_view prefix = lines.back();
  bool indented = true;
  for (std::string_view l : lines) {
    if (l.substr(0, prefix.size()) != prefix) {
      indented = false;
      break;
    }
  }
  if (!indented) {
    std::string_view v = slice(idx + 1, len - idx + 1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return std::string(v);
  }
  std::string out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (k > 0) out.push_back('\n');
    if (k == lines.size() - 1) break;
    out.append(lines[k].substr(prefix.size()));
  }
  return out;
}

}  // namespace entryc::hcl
