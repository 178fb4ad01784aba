// A small, strict option parser shared by the subcommands.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace entryc::cli {

struct OptionSpec {
  std::string_view name;        // long name without "--"
  char short_name = 0;          // e.g. 'o' for -o
  std::string_view value_name;  // empty: a flag without value
  std::string_view help;
};

class Args {
 public:
  bool has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  std::optional<std::string> get(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // Parses args against specs; on error returns false and sets `error`.
  bool parse(std::span<char* const> args, std::span<const OptionSpec> specs, std::string& error);

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positional_;
};

// "  -o, --output DIR   help" lines for --help.
std::string describe_options(std::span<const OptionSpec> specs);

}  // namespace entryc::cli
