// UTF-8 decoding and the Unicode classes HashiCorp's Go code relies on, with
// Go's exact semantics (utf8.DecodeRune, unicode.IsLetter/IsDigit/IsSpace,
// strings.EqualFold).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace entryc::utf8 {

inline constexpr char32_t kRuneError = 0xFFFD;
inline constexpr char32_t kMaxRune = 0x10FFFF;

struct Decoded {
  char32_t rune;
  std::uint32_t size;  // bytes consumed; 0 only at end of input
};

// Go's utf8.DecodeRune: invalid or truncated sequences, overlong forms and
// surrogates give {kRuneError, 1}; empty input gives {kRuneError, 0}.
inline Decoded decode(const unsigned char* p, std::size_t n) {
  if (n == 0) return {kRuneError, 0};
  const unsigned char c0 = p[0];
  if (c0 < 0x80) return {c0, 1};
  if (c0 < 0xC2 || c0 > 0xF4) return {kRuneError, 1};
  auto cont = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  if (c0 < 0xE0) {
    if (n < 2 || !cont(p[1])) return {kRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  }
  if (c0 < 0xF0) {
    if (n < 2) return {kRuneError, 1};
    const unsigned char c1 = p[1];
    const unsigned char lo = c0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c0 == 0xED ? 0x9F : 0xBF;
    if (c1 < lo || c1 > hi) return {kRuneError, 1};
    if (n < 3 || !cont(p[2])) return {kRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (p[2] & 0x3F)), 3};
  }
  if (n < 2) return {kRuneError, 1};
  const unsigned char c1 = p[1];
  const unsigned char lo = c0 == 0xF0 ? 0x90 : 0x80;
  const unsigned char hi = c0 == 0xF4 ? 0x8F : 0xBF;
  if (c1 < lo || c1 > hi) return {kRuneError, 1};
  if (n < 3 || !cont(p[2])) return {kRuneError, 1};
  if (n < 4 || !cont(p[3])) return {kRuneError, 1};
  return {static_cast<char32_t>(((c0 & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
                                (p[3] & 0x3F)),
          4};
}

inline Decoded decode(std::string_view s, std::size_t at) {
  return decode(reinterpret_cast<const unsigned char*>(s.data()) + at, s.size() - at);
}

// Go's utf8.EncodeRune: invalid runes (surrogates, > kMaxRune) encode U+FFFD.
void append(std::string& out, char32_t r);

// Number of runes as Go counts them (each invalid byte is one rune).
std::size_t count_runes(std::string_view s);

// First invalid byte offset, or npos when s is valid UTF-8.
std::size_t first_invalid(std::string_view s);

// Whether every string a parser reads from the source `text` is valid UTF-8,
// without looking at each: the text is valid UTF-8 (strings are slices of it
// between ASCII quotes) and has no escape that makes a byte or a code point
// of its own (\x, \X, octal \0-\7, \u, \U). False says only that a string
// may be invalid.
bool strings_valid(std::string_view text);

bool is_letter(char32_t r);  // unicode.IsLetter
bool is_digit(char32_t r);   // unicode.IsDigit
bool is_space(char32_t r);   // unicode.IsSpace

// Go's unicode.SimpleFold and strings.EqualFold.
char32_t simple_fold(char32_t r);
bool equal_fold(std::string_view a, std::string_view b);

// Lower-cases ASCII letters only (used for Consul's alias tables).
std::string ascii_lower(std::string_view s);

}  // namespace entryc::utf8

namespace entryc::utf8 {
bool is_print(char32_t r);  // unicode.IsPrint
}  // namespace entryc::utf8

namespace entryc::utf8 {
// Valid UTF-8 for display: invalid bytes become U+FFFD; at most max_runes
// runes are kept (an ellipsis marks the cut).
std::string sanitize(std::string_view s, std::size_t max_runes = std::string_view::npos);
}  // namespace entryc::utf8
