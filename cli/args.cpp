#include "args.hpp"

#include <fmt/format.h>

#include "entryc/suggest.hpp"

namespace entryc::cli {

std::optional<std::string> Args::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::all(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool Args::parse(std::span<char* const> args, std::span<const OptionSpec> specs, std::string& error) {
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (only_positional || a == "-" || a.empty() || a[0] != '-') {
      positional_.emplace_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    if (a.substr(0, 2) == "--") {
      std::string_view name = a.substr(2);
      const std::size_t eq = name.find('=');
      if (eq != std::string_view::npos) {
        inline_value = std::string(name.substr(eq + 1));
        name = name.substr(0, eq);
      }
      for (const OptionSpec& s : specs) {
        if (s.name == name) spec = &s;
      }
      if (!spec) {
        std::vector<std::string_view> names;
        for (const OptionSpec& s : specs) names.push_back(s.name);
        error = fmt::format("unknown option '--{}'", name);
        if (auto m = suggest(name, names)) error += fmt::format("; did you mean '--{}'?", *m);
        return false;
      }
    } else {
      if (a.size() != 2) {
        error = fmt::format("unknown option '{}' (short options take one letter; long options start with '--')", a);
        return false;
      }
      for (const OptionSpec& s : specs) {
        if (s.short_name == a[1]) spec = &s;
      }
      if (!spec) {
        error = fmt::format("unknown option '{}'", a);
        return false;
      }
    }
    auto& slot = values_[std::string(spec->name)];
    if (spec->value_name.empty()) {
      if (inline_value) {
        error = fmt::format("option '--{}' takes no value", spec->name);
        return false;
      }
      slot.emplace_back();
      continue;
    }
    if (inline_value) {
      slot.push_back(*inline_value);
    } else if (i + 1 < args.size()) {
      slot.emplace_back(args[++i]);
    } else {
      error = fmt::format("option '--{}' needs a value ({})", spec->name, spec->value_name);
      return false;
    }
  }
  return true;
}

std::string describe_options(std::span<const OptionSpec> specs) {
  std::string out;
  for (const OptionSpec& s : specs) {
    std::string left = s.short_name ? fmt::format("-{}, --{}", s.short_name, s.name) : fmt::format("    --{}", s.name);
    if (!s.value_name.empty()) left += fmt::format(" {}", s.value_name);
    out += fmt::format("  {:<28} {}\n", left, s.help);
  }
  return out;
}

}  // namespace entryc::cli
