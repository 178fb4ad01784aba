// std::regex behind intentions::Regex, in its own file: GCC 12 reports
// -Wmaybe-uninitialized inside libstdc++'s <regex> under -O2 with
// sanitizers (a false positive in std::function), and the project builds
// with -Werror.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>

#include "intentions.hpp"

namespace entryc::runtime::intentions {

struct Regex {
  std::regex re;
};

std::shared_ptr<const Regex> compile_regex(const std::string& pattern) {
  try {
    return std::make_shared<const Regex>(Regex{std::regex(pattern, std::regex::ECMAScript)});
  } catch (const std::regex_error&) {
    return nullptr;
  }
}

bool full_match(const Regex& r, std::string_view text) { return std::regex_match(text.begin(), text.end(), r.re); }

}  // namespace entryc::runtime::intentions
