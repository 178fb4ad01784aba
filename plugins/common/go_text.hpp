// Go's formatting of strings, for messages Consul builds with %q or %#v.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace go_text {

namespace detail {

// unicode.IsPrint for code points above ASCII, approximated: the C1
// controls, the non-ASCII spaces, the format characters in common use, the
// line/paragraph separators, surrogates, private use and non-characters are
// not printable; everything else is (Go also escapes unassigned code
// points, which this does not know).
inline bool printable(std::uint32_t r) {
  if (r < 0x20 || r == 0x7f) return false;
  if (r < 0x7f) return true;
  if (r <= 0x9f || r == 0xa0 || r == 0xad) return false;
  if ((r >= 0x600 && r <= 0x605) || r == 0x61c || r == 0x6dd || r == 0x70f || r == 0x180e || r == 0x1680) {
    return false;
  }
  if ((r >= 0x2000 && r <= 0x200f) || (r >= 0x2028 && r <= 0x202f) || (r >= 0x205f && r <= 0x206f)) return false;
  if (r == 0x3000 || r == 0xfeff || (r >= 0xfff9 && r <= 0xfffb)) return false;
  if ((r >= 0xd800 && r <= 0xf8ff) || (r & 0xfffe) == 0xfffe || (r >= 0xfdd0 && r <= 0xfdef)) return false;
  if (r >= 0xe0000 || r > 0x10ffff) return false;
  return true;
}

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when invalid.
inline std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& r) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  std::size_t n = 0;
  std::uint32_t min = 0;
  if (c < 0x80) {
    r = c;
    return 1;
  } else if ((c & 0xe0) == 0xc0) {
    n = 2, r = c & 0x1fu, min = 0x80;
  } else if ((c & 0xf0) == 0xe0) {
    n = 3, r = c & 0x0fu, min = 0x800;
  } else if ((c & 0xf8) == 0xf0) {
    n = 4, r = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xc0) != 0x80) return 0;
    r = (r << 6) | (b(k) & 0x3fu);
  }
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return 0;
  return n;
}

}  // namespace detail

// strconv.Quote (what %q and %#v print for a string).
inline std::string quote(std::string_view s) {
  std::string out = "\"";
  char buf[16];
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t r = 0;
    const std::size_t n = detail::decode(s, i, r);
    if (n == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(s[i])));
      out += buf;
      ++i;
      continue;
    }
    switch (r) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (detail::printable(r)) {
          out.append(s.substr(i, n));
        } else if (r < 0x80) {
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(r));
          out += buf;
        } else if (r < 0x10000) {
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(r));
          out += buf;
        } else {
          std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(r));
          out += buf;
        }
    }
    i += n;
  }
  return out + "\"";
}

}  // namespace go_text
