// A faithful port of hashicorp/hcl v1's HCL scanner (hcl/scanner/scanner.go,
// v1.0.0, the version Consul decodes config entries with). Token boundaries,
// token types, error texts and error positions are HashiCorp's, so that
// acceptance, the decoded values and Consul's messages match exactly.
// "\r\n" is read as one "\n", as hcl's Parse normalizes line ends first.
#pragma once

#include <array>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "go_pos.hpp"

namespace entryc::hcl {

enum class Tok : std::uint8_t {
  illegal, eof, comment, ident, number, floating, boolean, string, heredoc,
  lbrack, lbrace, comma, period, rbrack, rbrace, assign, add, sub,
};

// HashiCorp's token type names ("RBRACE", "ASSIGN", ...).
const char* go_name(Tok t);

struct Token {
  Tok type = Tok::illegal;
  GoPos pos;
  std::uint32_t begin = 0;  // text = src[begin, end)
  std::uint32_t end = 0;
  bool plain = false;  // a STRING whose inner text is its value (no escapes, no ${, no line ends)
};

struct ScanError {
  GoPos pos;
  const char* msg;
  std::uint32_t offset;     // byte offset of the offending character
  std::uint32_t tok_begin;  // start of the token being scanned
};

class Scanner {
 public:
  explicit Scanner(std::string_view src) : src_(src) { cur_.line = 1; }
  // Scans the next token into `t` (written in place: no temporary).
  void scan(Token& t);
  Token scan() {
    Token t;
    scan(t);
    return t;
  }
  std::string_view text(const Token& t) const { return src_.substr(t.begin, t.end - t.begin); }
  const std::vector<ScanError>& errors() const { return errors_; }

 private:
  static constexpr char32_t kEof = 0;
  // Reads one rune, exactly like Go's Scanner.next. The common case (an
  // ASCII character that is not a line end or NUL) is inline.
  char32_t next() {
    if (cur_.offset < src_.size()) {
      const auto c = static_cast<unsigned char>(src_[cur_.offset]);
      if (c >= 0x20 && c < 0x80) {
        ++cur_.column;
        ++cur_.offset;
        last_char_len_ = 1;
        last_newline_ = false;
        return c;
      }
    }
    return next_slow();
  }
  char32_t next_slow();
  // A byte predicate as a table (one load per byte in skip_plain).
  template <typename Pred>
  static constexpr std::array<bool, 256> byte_table(Pred pred) {
    std::array<bool, 256> t{};
    for (unsigned c = 0; c < 256; ++c) t[c] = pred(static_cast<unsigned char>(c));
    return t;
  }
  // Bulk versions of "call next() while the rune is X": same final state
  // (last_char_len_ and last_newline_ are set by the next() that follows).
  template <typename Plain>
  [[gnu::always_inline]] void skip_plain(Plain plain) {
    std::uint32_t off = cur_.offset;
    const auto n = static_cast<std::uint32_t>(src_.size());
    const char* p = src_.data();
    while (off < n && plain(static_cast<unsigned char>(p[off]))) ++off;
    cur_.column += off - cur_.offset;
    cur_.offset = off;
  }
  void skip_whitespace();
  // Go's unread restores the position saved before the last next(); it is
  // derived here instead of saved on every character.
  void unread() {
    cur_.offset -= last_char_len_;
    if (last_newline_) {
      --cur_.line;
      cur_.column = last_line_len_ - 1;
    } else {
      --cur_.column;
    }
  }
  char32_t peek() const;
  void err(const char* msg);
  GoPos recent_position() const;
  void scan_comment(char32_t ch);
  Tok scan_number(char32_t ch);
  char32_t scan_mantissa(char32_t ch);
  char32_t scan_fraction(char32_t ch);
  char32_t scan_exponent(char32_t ch);
  void scan_heredoc();
  void scan_string();
  char32_t scan_escape();
  char32_t scan_digits(char32_t ch, int base, int n);
  void scan_identifier();

  std::string_view src_;
  GoPos cur_;  // Go's srcPos: offset of the next byte to read
  bool last_newline_ = false;  // the last rune read was a line end
  std::uint32_t last_char_len_ = 0;
  std::uint32_t last_line_len_ = 0;
  std::uint32_t tok_start_ = 0;
  bool plain_ = false;
  std::vector<ScanError> errors_;
};

// Go's hcl/strconv.Unquote for a STRING token's text ("\r\n" already
// folded). Returns false where HashiCorp's would fail ("invalid syntax").
bool unquote(std::string_view quoted, std::string& out);
// hcl/token unindentHeredoc for a HEREDOC token's text ("\r\n" folded).
std::string unindent_heredoc(std::string_view heredoc);

}  // namespace entryc::hcl
