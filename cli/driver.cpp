#include "driver.hpp"

#include <unistd.h>

#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "entryc/suggest.hpp"
#include "entryc/utf8.hpp"
#include "exit_codes.hpp"
#include "version.hpp"

namespace entryc::cli {

bool Context::color_for(std::FILE* f) const {
  if (color == ColorMode::always) return true;
  if (color == ColorMode::never) return false;
  if (std::getenv("NO_COLOR")) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fileno(f)) != 0;
}

render::Format Context::default_format(std::FILE* f) const {
  return isatty(fileno(f)) ? render::Format::pretty : render::Format::compact;
}

void write_out(std::FILE* f, std::string_view s) { std::fwrite(s.data(), 1, s.size(), f); }

void Context::print(std::FILE* f, const SourceManager& sm, std::span<const diag::Diagnostic> ds, render::Format format,
                    const render::Options& base) const {
  render::Options o = base;
  o.color = color_for(f);
  std::string out;
  switch (format) {
    case render::Format::json: out = render::json(sm, ds, o); break;
    case render::Format::compact:
      for (const diag::Diagnostic& d : ds) render::compact(sm, d, out, o);
      break;
    case render::Format::pretty:
      for (const diag::Diagnostic& d : ds) render::pretty(sm, d, out, o);
      break;
  }
  write_out(f, out);
}

bool parse_format(const std::string& s, render::Format& f) {
  if (s == "pretty") f = render::Format::pretty;
  else if (s == "compact") f = render::Format::compact;
  else if (s == "json") f = render::Format::json;
  else return false;
  return true;
}

namespace {

std::string command_help(const Command& c) {
  std::string out = fmt::format("usage: {}\n\n{}\n", c.usage, c.description);
  if (!c.options.empty()) out += "\noptions:\n" + describe_options(c.options);
  out += "  -h, --help                   show this help\n";
  return out;
}

std::string main_help() {
  std::string out = fmt::format(
      "entryc {} - compiler, validator and applier for Consul cluster-peering configuration\n\n"
      "usage: entryc [--color=auto|always|never] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n",
      kVersion);
  for (const Command& c : commands()) out += fmt::format("  {:<10} {}\n", c.name, c.summary);
  out += "\nglobal options:\n"
         "  -h, --help       show help (also: entryc COMMAND --help)\n"
         "      --version    print the version\n"
         "      --color=WHEN colour diagnostics: auto (default), always, never\n\n"
         "exit status: 0 clean, 1 findings, 2 usage/I/O/plugin error, 3 apply failed\n";
  return out;
}

}  // namespace

int usage_error(const Command& cmd, std::string_view message) {
  std::fprintf(stderr, "entryc %.*s: %.*s\nrun 'entryc %.*s --help' for usage\n", static_cast<int>(cmd.name.size()),
               cmd.name.data(), static_cast<int>(message.size()), message.data(), static_cast<int>(cmd.name.size()),
               cmd.name.data());
  return kExitUsage;
}

int require_utf8_names(const Command& cmd, std::span<const std::string> names) {
  for (const std::string& n : names) {
    if (utf8::first_invalid(n) != std::string::npos) {
      return usage_error(cmd, fmt::format("'{}' is not valid UTF-8", utf8::sanitize(n)));
    }
  }
  return -1;
}

int run(int argc, char** argv) {
  Context ctx;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      write_out(stdout, main_help());
      return kExitOk;
    }
    if (a == "--version") {
      write_out(stdout, fmt::format("entryc {}\n", kVersion));
      return kExitOk;
    }
    if (a.substr(0, 8) == "--color=") {
      const std::string_view v = a.substr(8);
      if (v == "auto") ctx.color = ColorMode::automatic;
      else if (v == "always") ctx.color = ColorMode::always;
      else if (v == "never") ctx.color = ColorMode::never;
      else {
        std::fprintf(stderr, "entryc: --color must be auto, always or never\n");
        return kExitUsage;
      }
      continue;
    }
    break;
  }
  if (i >= argc) {
    write_out(stderr, main_help());
    return kExitUsage;
  }
  const std::string_view name = argv[i];
  const Command* cmd = nullptr;
  for (const Command& c : commands()) {
    if (c.name == name) cmd = &c;
  }
  if (!cmd) {
    std::vector<std::string_view> names;
    for (const Command& c : commands()) names.push_back(c.name);
    std::string msg = fmt::format("entryc: unknown command '{}'", name);
    if (name.size() > 0 && name[0] == '-') msg = fmt::format("entryc: unknown option '{}'", name);
    if (auto m = suggest(name, names)) msg += fmt::format("; did you mean '{}'?", *m);
    std::fprintf(stderr, "%s\nrun 'entryc --help' for the list of commands\n", msg.c_str());
    return kExitUsage;
  }
  const std::span<char* const> rest(argv + i + 1, static_cast<std::size_t>(argc - i - 1));
  for (const char* a : rest) {
    const std::string_view s = a;
    if (s == "--") break;
    if (s == "-h" || s == "--help") {
      write_out(stdout, command_help(*cmd));
      return kExitOk;
    }
  }
  Args args;
  std::string error;
  if (!args.parse(rest, cmd->options, error)) return usage_error(*cmd, error);
  return cmd->run(ctx, args);
}

}  // namespace entryc::cli
