// Writing values into bash scripts so that bash reads them back unchanged.
#pragma once

#include <string>
#include <string_view>

namespace entryc::consul_http {

// A word for bash: as it is when it only holds [A-Za-z0-9_@%+=:,./-] (and is
// not empty), else in single quotes ('it'\''s').
std::string shell_word(std::string_view s);

// `s` as literal text in a printf format: '%' -> "%%", '\' -> "\\".
std::string printf_literal(std::string_view s);

}  // namespace entryc::consul_http
