#include "entryc/go_strconv.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include "entryc/utf8.hpp"

namespace entryc::gostr {
namespace {

std::string error_text(const char* fn, std::string_view s, const char* what) {
  std::string out = "strconv.";
  out.append(fn);
  out.append(": parsing ");
  out.append(quote(s));
  out.append(": ");
  out.append(what);
  return out;
}
std::string syntax_error(const char* fn, std::string_view s) { return error_text(fn, s, "invalid syntax"); }
std::string range_error(const char* fn, std::string_view s) { return error_text(fn, s, "value out of range"); }

// Go's underscoreOK: '_' only between digits (or after a base prefix).
bool underscore_ok(std::string_view s) {
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0') {
    const char c = static_cast<char>(s[1] | 0x20);
    if (c == 'b' || c == 'o' || c == 'x') {
      hex = c == 'x';
      i = 2;
      saw = '0';
    }
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// ParseUint core with base 0. Returns false on syntax error; sets overflow.
bool parse_uint_core(std::string_view s0, std::uint64_t& out, bool& overflow) {
  overflow = false;
  std::string_view s = s0;
  if (s.empty()) return false;
  int base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && (s[1] | 0x20) == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && (s[1] | 0x20) == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && (s[1] | 0x20) == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  bool underscores = false;
  std::uint64_t n = 0;
  const std::uint64_t cutoff = std::numeric_limits<std::uint64_t>::max() / static_cast<unsigned>(base) + 1;
  for (char c : s) {
    int d;
    if (c == '_') {  // base 0 allows '_' separators (checked below)
      underscores = true;
      continue;
    }
    if (c >= '0' && c <= '9') d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
    else return false;
    if (d >= base) return false;
    if (overflow) continue;
    if (n >= cutoff) {
      overflow = true;
      continue;
    }
    n *= static_cast<unsigned>(base);
    const std::uint64_t n1 = n + static_cast<unsigned>(d);
    if (n1 < n) {
      overflow = true;
      continue;
    }
    n = n1;
  }
  if (underscores && !underscore_ok(s0)) return false;
  out = n;
  return true;
}

}  // namespace

IntResult parse_uint(std::string_view s) {
  IntResult r;
  std::uint64_t v = 0;
  bool overflow = false;
  if (s.empty() || !parse_uint_core(s, v, overflow)) {
    r.error = syntax_error("ParseUint", s);
    return r;
  }
  if (overflow) {
    r.error = range_error("ParseUint", s);
    return r;
  }
  r.value = static_cast<std::int64_t>(v);
  return r;
}

IntResult parse_int(std::string_view s) {
  IntResult r;
  if (s.empty()) {
    r.error = syntax_error("ParseInt", s);
    return r;
  }
  std::string_view body = s;
  bool neg = false;
  if (body[0] == '+') {
    body.remove_prefix(1);
  } else if (body[0] == '-') {
    neg = true;
    body.remove_prefix(1);
  }
  std::uint64_t v = 0;
  bool overflow = false;
  if (body.empty() || !parse_uint_core(body, v, overflow)) {
    r.error = syntax_error("ParseInt", s);
    return r;
  }
  // Go checks underscores on the whole string, sign included.
  if (body.find('_') != std::string_view::npos && !underscore_ok(s)) {
    r.error = syntax_error("ParseInt", s);
    return r;
  }
  const std::uint64_t cutoff = std::uint64_t{1} << 63;
  if (overflow || (!neg && v >= cutoff) || (neg && v > cutoff)) {
    r.error = range_error("ParseInt", s);
    return r;
  }
  r.value = neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
  return r;
}

FloatResult parse_float(std::string_view s) {
  FloatResult r;
  // Go accepts: [+-] (digits [. digits] | . digits) [eE [+-] digits], '_'
  // only with a base prefix, hex floats with a 'p' exponent, inf/infinity/nan.
  std::string_view t = s;
  bool neg = false;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    neg = t[0] == '-';
    t.remove_prefix(1);
  }
  auto lower_eq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if ((a[i] | 0x20) != b[i]) return false;
    }
    return true;
  };
  if (lower_eq(t, "inf") || lower_eq(t, "infinity")) {
    r.value = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return r;
  }
  if (lower_eq(t, "nan") && s.size() == 3) {
    r.value = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  if (t.size() >= 2 && t[0] == '0' && (t[1] | 0x20) == 'x') {
    // Hex float: mantissa of hex digits with optional '.', mandatory 'p' exponent.
    std::size_t i = 2;
    bool digits = false;
    std::string clean = "0x";
    for (; i < t.size(); ++i) {
      const char c = t[i];
      if (std::isxdigit(static_cast<unsigned char>(c)) || c == '.') {
        digits |= c != '.';
        clean.push_back(c);
      } else if (c == '_') {
        continue;
      } else {
        break;
      }
    }
    if (!digits || i >= t.size() || (t[i] | 0x20) != 'p' || !underscore_ok(s)) {
      r.error = syntax_error("ParseFloat", s);
      return r;
    }
    clean.push_back('p');
    ++i;
    std::size_t exp_start = i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) clean.push_back(t[i++]);
    if (i >= t.size()) {
      r.error = syntax_error("ParseFloat", s);
      return r;
    }
    for (; i < t.size(); ++i) {
      if (t[i] == '_') continue;
      if (t[i] < '0' || t[i] > '9') {
        r.error = syntax_error("ParseFloat", s);
        return r;
      }
      clean.push_back(t[i]);
    }
    (void)exp_start;
    double v = std::strtod(clean.c_str(), nullptr);
    if (std::isinf(v)) {
      r.value = neg ? -v : v;
      r.error = range_error("ParseFloat", s);
      return r;
    }
    r.value = neg ? -v : v;
    return r;
  }
  // Decimal: validate the exact syntax first.
  std::size_t i = 0;
  bool mant_digits = false;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
    ++i;
    mant_digits = true;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      ++i;
      mant_digits = true;
    }
  }
  if (!mant_digits) {
    r.error = syntax_error("ParseFloat", s);
    return r;
  }
  if (i < t.size() && (t[i] | 0x20) == 'e') {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    bool exp_digits = false;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      ++i;
      exp_digits = true;
    }
    if (!exp_digits) {
      r.error = syntax_error("ParseFloat", s);
      return r;
    }
  }
  if (i != t.size()) {
    r.error = syntax_error("ParseFloat", s);
    return r;
  }
  double v = 0;
  const auto res = std::from_chars(t.data(), t.data() + t.size(), v, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range) {
    // from_chars reports both overflow and underflow; Go only fails on overflow.
    bool big = false;
    {
      // Decide by the decimal exponent magnitude.
      std::size_t e = t.find_first_of("eE");
      std::string_view mant = t.substr(0, e);
      long exp10 = 0;
      if (e != std::string_view::npos) {
        std::string_view ex = t.substr(e + 1);
        bool eneg = !ex.empty() && ex[0] == '-';
        if (!ex.empty() && (ex[0] == '-' || ex[0] == '+')) ex.remove_prefix(1);
        for (char c : ex) {
          exp10 = exp10 * 10 + (c - '0');
          if (exp10 > 100000) break;
        }
        if (eneg) exp10 = -exp10;
      }
      // Position of the first significant digit relative to the point.
      std::size_t dot = mant.find('.');
      std::string_view ip = mant.substr(0, dot);
      std::size_t lead = ip.find_first_not_of('0');
      long magnitude;
      if (lead != std::string_view::npos) {
        magnitude = static_cast<long>(ip.size() - lead);
      } else {
        std::string_view fp = dot == std::string_view::npos ? std::string_view{} : mant.substr(dot + 1);
        std::size_t fl = fp.find_first_not_of('0');
        magnitude = fl == std::string_view::npos ? -100000 : -static_cast<long>(fl);
      }
      big = magnitude + exp10 > 0;
    }
    if (big) {
      r.value = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      r.error = range_error("ParseFloat", s);
      return r;
    }
    v = 0;
  } else if (res.ec != std::errc()) {
    r.error = syntax_error("ParseFloat", s);
    return r;
  }
  r.value = neg ? -v : v;
  return r;
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
  return std::nullopt;
}

std::string quote(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const utf8::Decoded d = c < 0x80 ? utf8::Decoded{c, 1} : utf8::decode(s, i);
    if (d.rune == utf8::kRuneError && d.size == 1) {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
      i += 1;
      continue;
    }
    const char32_t r = d.rune;
    if (r == '"' || r == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(r));
    } else if (utf8::is_print(r)) {
      out.append(s.substr(i, d.size));
    } else {
      switch (r) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (r < ' ' || r == 0x7F) {
            out += "\\x";
            out.push_back(hex[(r >> 4) & 15]);
            out.push_back(hex[r & 15]);
          } else if (r < 0x10000) {
            out += "\\u";
            for (int sh = 12; sh >= 0; sh -= 4) out.push_back(hex[(r >> sh) & 15]);
          } else {
            out += "\\U";
            for (int sh = 28; sh >= 0; sh -= 4) out.push_back(hex[(r >> sh) & 15]);
          }
      }
    }
    i += d.size;
  }
  out.push_back('"');
  return out;
}

namespace {
// Shortest round-trip digits of |v| and the decimal exponent of the first
// digit (v = 0.d1d2... * 10^(exp10+1)), as Go's strconv computes them.
void shortest_digits(double v, std::string& digits, int& exp10) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  const std::size_t e = sci.find('e');
  digits.clear();
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  exp10 = 0;
  std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp10);
}

// strconv.FormatFloat(v, 'f', -1, 64): the shortest digits, then zeros.
std::string format_fixed(double v) {
  std::string digits;
  int exp10 = 0;
  shortest_digits(v, digits, exp10);
  std::string out;
  if (std::signbit(v)) out.push_back('-');
  if (v == 0) {
    out.push_back('0');
    return out;
  }
  const int point = exp10 + 1;  // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    out += digits;
    out.append(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out.append(digits, 0, static_cast<std::size_t>(point));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(point), std::string::npos);
  }
  return out;
}

// strconv.FormatFloat(v, 'e', -1, 64): d.ddde±XX (at least two exponent digits).
std::string format_exp(double v) {
  std::string digits;
  int exp10 = 0;
  shortest_digits(v, digits, exp10);
  std::string out;
  if (std::signbit(v)) out.push_back('-');
  out.push_back(digits[0]);
  if (digits.size() > 1) {
    out.push_back('.');
    out.append(digits, 1, std::string::npos);
  }
  out.push_back('e');
  out.push_back(exp10 < 0 ? '-' : '+');
  const int a = exp10 < 0 ? -exp10 : exp10;
  if (a < 10) out.push_back('0');
  out += std::to_string(a);
  return out;
}
}  // namespace

namespace {
// strconv.FormatFloat's text for what has no digits (JSON has no such numbers).
const char* non_finite(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return std::isnan(v) ? "NaN" : nullptr;
}
}  // namespace

std::string format_float_f(double v) {
  if (const char* s = non_finite(v)) return s;
  return format_fixed(v);
}

std::string format_float_json(double v) {
  if (const char* s = non_finite(v)) return s;
  const double a = std::fabs(v);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    std::string out = format_exp(v);
    const std::size_t n = out.size();
    if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') {
      out[n - 2] = out[n - 1];
      out.pop_back();
    }
    return out;
  }
  return format_fixed(v);
}

std::string format_float_g(double v) {
  // %v of a float64: strconv.FormatFloat(v, 'g', -1, 64).
  if (const char* s = non_finite(v)) return s;
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  std::string digits;
  int exp10 = 0;
  shortest_digits(v, digits, exp10);
  if (exp10 < -4 || exp10 >= 6) return format_exp(v);  // shortest %g decides at precision 6
  return format_fixed(v);
}

}  // namespace entryc::gostr
