#include "entryc/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>

namespace entryc::utf8 {
namespace {

struct RuneRange {
  char32_t lo, hi;
};
struct FoldPair {
  char32_t from, to;
};

#include "unicode_tables.inc"

template <std::size_t N>
bool in_ranges(const RuneRange (&table)[N], char32_t r) {
  auto it = std::upper_bound(std::begin(table), std::end(table), r,
                             [](char32_t v, const RuneRange& rr) { return v < rr.lo; });
  if (it == std::begin(table)) return false;
  --it;
  return r <= it->hi;
}

}  // namespace


void append(std::string& out, char32_t r) {
  if ((r >= 0xD800 && r <= 0xDFFF) || r > kMaxRune) r = kRuneError;
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

std::size_t count_runes(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : decode(s, i).size;
    ++n;
  }
  return n;
}

std::size_t first_invalid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Most text is ASCII: seen 32, then eight bytes at a time, before any decoding.
    for (std::uint64_t w[4]; i + sizeof w <= s.size(); i += sizeof w) {
      std::memcpy(w, s.data() + i, sizeof w);
      if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) break;
    }
    for (std::uint64_t word; i + sizeof word <= s.size(); i += sizeof word) {
      std::memcpy(&word, s.data() + i, sizeof word);
      if (word & 0x8080808080808080ull) break;
    }
    if (i == s.size()) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const Decoded d = decode(s, i);
    if (d.rune == kRuneError && d.size == 1) return i;
    i += d.size;
  }
  return std::string_view::npos;
}

bool strings_valid(std::string_view text) {
  if (first_invalid(text) != std::string_view::npos) return false;
  for (std::size_t i = text.find('\\'); i != std::string_view::npos; i = text.find('\\', i + 2)) {
    if (i + 1 == text.size()) return true;
    const char c = text[i + 1];
    if (c == 'x' || c == 'X' || c == 'u' || c == 'U' || (c >= '0' && c <= '7')) return false;
  }
  return true;
}

bool is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  return in_ranges(kLetterRanges, r);
}

bool is_digit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return in_ranges(kDigitRanges, r);
}

bool is_space(char32_t r) {
  if (r < 0x80) return r == ' ' || (r >= '\t' && r <= '\r');
  return in_ranges(kSpaceRanges, r);
}

char32_t simple_fold(char32_t r) {
  auto it = std::lower_bound(std::begin(kSimpleFold), std::end(kSimpleFold), r,
                             [](const FoldPair& p, char32_t v) { return p.from < v; });
  if (it != std::end(kSimpleFold) && it->from == r) return it->to;
  return r;
}

bool equal_fold(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    char32_t r1, r2;
    if (static_cast<unsigned char>(a[i]) < 0x80) {
      r1 = static_cast<unsigned char>(a[i++]);
    } else {
      const Decoded d = decode(a, i);
      r1 = d.rune;
      i += d.size;
    }
    if (static_cast<unsigned char>(b[j]) < 0x80) {
      r2 = static_cast<unsigned char>(b[j++]);
    } else {
      const Decoded d = decode(b, j);
      r2 = d.rune;
      j += d.size;
    }
    if (r1 == r2) continue;
    if (r2 < r1) std::swap(r1, r2);
    if (r2 < 0x80) {
      if (r1 >= 'A' && r1 <= 'Z' && r2 == r1 + 'a' - 'A') continue;
      return false;
    }
    char32_t r = simple_fold(r1);
    while (r != r1 && r < r2) r = simple_fold(r);
    if (r == r2) continue;
    return false;
  }
  return i == a.size() && j == b.size();
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace entryc::utf8

namespace entryc::utf8 {
bool is_print(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return in_ranges(kPrintRanges, r);
}
}  // namespace entryc::utf8

namespace entryc::utf8 {
std::string sanitize(std::string_view s, std::size_t max_runes) {
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (n == max_runes) {
      out += "...";
      break;
    }
    const Decoded d = decode(s, i);
    if (d.rune == kRuneError && d.size == 1) {
      append(out, kRuneError);
    } else {
      out.append(s.substr(i, d.size));
    }
    i += d.size;
    ++n;
  }
  return out;
}
}  // namespace entryc::utf8
