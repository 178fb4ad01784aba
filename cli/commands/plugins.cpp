// entryc plugins | rules | explain: what is loaded, which rules exist, and
// each rule's documentation.
#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../plugin_options.hpp"
#include "commands.hpp"
#include "entryc/lint.hpp"
#include "entryc/suggest.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kPluginOptions[] = {
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

int setup(Context& ctx, const Args& args, plugins::Host& host, plugins::Loading mode) {
  diag::Collector sink;
  const bool ok = load_plugins(host, args, sink, mode);
  if (!sink.diagnostics().empty()) {
    SourceManager sm;
    ctx.print(stderr, sm, sink.diagnostics(), render::Format::compact);
  }
  return ok ? kExitOk : kExitUsage;
}

int run_plugins(Context& ctx, const Args& args) {
  plugins::Host host;
  const int rc = setup(ctx, args, host, plugins::Loading::all);
  std::string out =
      fmt::format("{:<20} {:<10} {:<4} {:<8} {:<6} {}\n", "NAME", "VERSION", "ABI", "KIND", "RULES", "PATH");
  for (const auto& p : host.plugins()) {
    out += fmt::format("{:<20} {:<10} {:<4} {:<8} {:<6} {}\n", p->name, p->version, p->abi_version,
                       p->backend ? "backend" : "rules", p->backend ? "-" : std::to_string(p->rules.size()), p->path);
  }
  out += "\nsearch path:\n";
  for (const std::string& d : host.search_path()) out += "  " + d + "\n";
  write_out(stdout, out);
  return rc;
}

const char* sev(diag::Severity s) { return diag::to_string(s); }

int run_rules(Context& ctx, const Args& args) {
  plugins::Host host;
  const int rc = setup(ctx, args, host, plugins::Loading::rules);
  std::string out = fmt::format("{:<44} {:<8} {:<12} {}\n", "RULE", "SEVERITY", "PRESET", "SUMMARY");
  for (const plugins::RuleInfo* r : host.rules()) {
    out += fmt::format("{:<44} {:<8} {:<12} {}\n", r->id, sev(r->severity), r->preset, r->summary);
  }
  if (args.has("all")) {
    for (const lint::CoreCode& c : lint::core_codes()) {
      out += fmt::format("{:<44} {:<8} {:<12} {}\n", c.code, sev(c.severity), "core", c.summary);
    }
  }
  write_out(stdout, out);
  return rc;
}

int run_explain(Context& ctx, const Args& args) {
  if (args.positional().size() != 1) return usage_error(kExplainCommand, "give exactly one RULE-ID");
  plugins::Host host;
  const int rc = setup(ctx, args, host, plugins::Loading::rules);
  const std::string& id = args.positional()[0];
  if (const plugins::RuleInfo* r = host.rule(id)) {
    write_out(stdout, r->doc.empty() ? r->summary + "\n" : r->doc);
    if (!r->doc.empty() && r->doc.back() != '\n') write_out(stdout, "\n");
    return rc;
  }
  for (const lint::CoreCode& c : lint::core_codes()) {
    if (id == c.code) {
      write_out(stdout, fmt::format("# {}\n\n{} ({}, reported by entryc itself). See docs/cli.md.\n", c.code,
                                    c.summary, sev(c.severity)));
      return rc;
    }
  }
  std::vector<std::string> ids;
  for (const plugins::RuleInfo* r : host.rules()) ids.push_back(r->id);
  for (const lint::CoreCode& c : lint::core_codes()) ids.emplace_back(c.code);
  std::vector<std::string_view> views(ids.begin(), ids.end());
  std::string msg = fmt::format("entryc explain: unknown rule '{}'", id);
  if (auto m = suggest(id, views)) msg += fmt::format("; did you mean '{}'?", *m);
  std::fprintf(stderr, "%s\nrun 'entryc rules' for the list\n", msg.c_str());
  return kExitUsage;
}

const OptionSpec kRulesOptions[] = {
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
    {"all", 0, "", "also list the codes entryc reports itself (parser, decoder, host)"},
};

}  // namespace

const Command kPluginsCommand = {"plugins", "list the loaded plugins", "entryc plugins [--plugin-dir DIR]",
                                 "Lists every plugin found on the search path: name, version, ABI version, number "
                                 "of rules and file.",
                                 kPluginOptions, run_plugins};
const Command kRulesCommand = {"rules", "list the rules of the loaded plugins", "entryc rules [--all]",
                               "Lists every rule: id, severity, preset and summary.", kRulesOptions, run_rules};
const Command kExplainCommand = {"explain", "print a rule's documentation", "entryc explain RULE-ID",
                                 "Prints what the rule checks, an example, why it matters and how to fix it.",
                                 kPluginOptions, run_explain};

}  // namespace entryc::cli
