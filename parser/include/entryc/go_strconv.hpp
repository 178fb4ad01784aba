// Go's strconv behaviour where HashiCorp's and Consul's decoding depends on
// it: integer and float parsing (with the exact error texts), Go string
// quoting (%q) and encoding/json's float formatting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace entryc::gostr {

struct IntResult {
  std::int64_t value = 0;
  std::string error;  // e.g. `strconv.ParseInt: parsing "99999999999999999999": value out of range`
  bool ok() const { return error.empty(); }
};

struct FloatResult {
  double value = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

// strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b/leading-0 prefixes, '_' separators.
IntResult parse_int(std::string_view s);
// strconv.ParseUint(s, 0, 64).
IntResult parse_uint(std::string_view s);
// strconv.ParseFloat(s, 64).
FloatResult parse_float(std::string_view s);
// strconv.ParseBool.
std::optional<bool> parse_bool(std::string_view s);

// strconv.Quote / fmt's %q.
std::string quote(std::string_view s);

// encoding/json's rendering of a float64 (shortest round trip, 'e' form
// below 1e-6 and from 1e21).
std::string format_float_json(double v);
// strconv.FormatFloat(v, 'g', -1, 64), which is how fmt's %v prints a float64.
std::string format_float_g(double v);
// strconv.FormatFloat(v, 'f', -1, 64) (mapstructure's float -> string).
std::string format_float_f(double v);

}  // namespace entryc::gostr
