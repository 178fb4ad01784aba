// The CLI is a table of subcommands; main() only calls run().
#pragma once

#include <cstdio>
#include <span>
#include <string>
#include <string_view>

#include "args.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/render.hpp"
#include "entryc/source.hpp"

namespace entryc::cli {

enum class ColorMode { automatic, always, never };

struct Context {
  ColorMode color = ColorMode::automatic;
  bool color_for(std::FILE* f) const;
  // Writes diagnostics in `format` to `f`.
  void print(std::FILE* f, const SourceManager& sm, std::span<const diag::Diagnostic> ds, render::Format format,
             const render::Options& base = {}) const;
  // The default diagnostic format for a stream: pretty on a terminal, else compact.
  render::Format default_format(std::FILE* f) const;
};

struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view usage;        // e.g. "entryc convert [OPTIONS] FILE..."
  std::string_view description;  // a paragraph for --help
  std::span<const OptionSpec> options;
  int (*run)(Context& ctx, const Args& args);
};

std::span<const Command> commands();
int run(int argc, char** argv);

// Shared helpers for commands.
void write_out(std::FILE* f, std::string_view s);
int usage_error(const Command& cmd, std::string_view message);
// Arguments that are names (services, addresses) travel on as JSON, which holds
// UTF-8 only: a usage error for the first that is not UTF-8, else -1.
int require_utf8_names(const Command& cmd, std::span<const std::string> names);
bool parse_format(const std::string& s, render::Format& f);

}  // namespace entryc::cli
