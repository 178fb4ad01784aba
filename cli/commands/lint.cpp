// entryc lint: every problem Consul would reject, and what it silently
// ignores, across files and directories.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../plugin_options.hpp"
#include "commands.hpp"
#include "entryc/lint.hpp"
#include "entryc/load.hpp"
#include "entryc/project.hpp"
#include "version.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"format", 0, "FORMAT", "pretty (default on a terminal), compact, json, sarif, github, gitlab, junit or checkstyle"},
    {"output", 'o', "FORMAT=PATH", "also write a report in FORMAT to PATH (repeatable)"},
    {"fail-on", 0, "LEVEL", "exit 1 for findings at or above LEVEL: error (default), warning, note"},
    {"edition", 0, "EDITION", "ce (default) or ent: which Consul the files are for"},
    {"kind", 0, "KIND", "treat every file as exported-services, service-intentions or acl-rules"},
    {"preset", 0, "PRESET", "recommended (default) or all rules"},
    {"config", 0, "PATH", "the .entryc.hcl to use (default: found upwards from here)"},
    {"exclude", 0, "GLOB", "skip paths matching GLOB (repeatable)"},
    {"project", 0, "FILE", "also lint a whole project: its entry files with each cluster's edition, and the "
                           "rules that look across clusters (docs/project-file.md)"},
    {"consul-messages", 0, "", "print Consul's own message for each finding (same positions)"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

// Rule metadata for the formats that carry it (SARIF).
std::vector<render::RuleMeta> rule_meta(const plugins::Host& host) {
  constexpr std::string_view kDocs = "https://github.com/entryc/entryc/blob/main/docs/";
  std::vector<render::RuleMeta> meta;
  for (const plugins::RuleInfo* r : host.rules()) {
    meta.push_back({r->id, r->summary, r->severity, r->doc, fmt::format("{}rules/{}.md", kDocs, r->id)});
  }
  for (const lint::CoreCode& c : lint::core_codes()) {
    meta.push_back({c.code, c.summary, c.severity, {}, fmt::format("{}cli.md#codes-reported-by-the-parser", kDocs)});
  }
  return meta;
}

int run_lint(Context& ctx, const Args& args) {
  const Command& self = kLintCommand;
  std::string format = ctx.default_format(stdout) == render::Format::pretty ? "pretty" : "compact";
  if (auto f = args.get("format")) format = *f;
  if (!render::find_report_format(format)) {
    return usage_error(self, "--format must be " + render::report_format_names());
  }
  std::vector<std::pair<std::string, std::string>> reports;
  for (const std::string& o : args.all("output")) {
    const std::size_t eq = o.find('=');
    const std::string fmt_name = o.substr(0, eq);
    if (eq == std::string::npos || eq + 1 >= o.size() || !render::find_report_format(fmt_name)) {
      return usage_error(self,
                         fmt::format("-o needs FORMAT=PATH with FORMAT {}, not '{}'", render::report_format_names(), o));
    }
    reports.emplace_back(fmt_name, o.substr(eq + 1));
  }
  diag::Severity fail_on = diag::Severity::error;
  if (auto f = args.get("fail-on")) {
    if (*f == "error") fail_on = diag::Severity::error;
    else if (*f == "warning") fail_on = diag::Severity::warning;
    else if (*f == "note") fail_on = diag::Severity::note;
    else return usage_error(self, "--fail-on must be error, warning or note");
  }
  const std::string kind = args.get("kind").value_or("");
  if (!kind.empty() && kind != "exported-services" && kind != "service-intentions" && kind != lint::kAclRules) {
    return usage_error(self, "--kind must be exported-services, service-intentions or acl-rules");
  }
  const std::optional<std::string> project_file = args.get("project");
  if (args.positional().empty() && !project_file) {
    return usage_error(self, "no input: give files, directories, '-' for stdin, or --project FILE");
  }

  SourceManager sm;
  std::vector<diag::Diagnostic> all;
  bool failed = false;
  diag::Collector setup;
  bool config_ok = true;
  lint::Config config = lint::load_config(sm, args.get("config").value_or(""), ".", setup, config_ok);
  failed |= !config_ok;
  if (auto e = args.get("edition")) {
    if (*e == "ce") config.edition = consul::Edition::ce;
    else if (*e == "ent") config.edition = consul::Edition::ent;
    else return usage_error(self, "--edition must be ce or ent");
  }
  if (auto p = args.get("preset")) {
    if (*p != "recommended" && *p != "all") return usage_error(self, "--preset must be recommended or all");
    config.preset = *p;
  }
  plugins::Host host;
  failed |= !load_plugins(host, args, setup, plugins::Loading::on_demand);
  std::vector<std::string> excludes = config.exclude;
  for (const std::string& x : args.all("exclude")) excludes.push_back(x);
  const std::vector<load::Input> inputs = load::expand(args.positional(), excludes, setup);
  failed |= setup.has_errors();
  for (diag::Diagnostic& d : setup.diagnostics()) all.push_back(std::move(d));

  lint::Linter linter(host, {config, kind, {}});
  std::size_t files = 0;
  for (const load::Input& in : inputs) {
    const std::string base = std::filesystem::path(in.name).filename().string();
    if (!in.from_stdin && (base == ".entryc.hcl" || base == "entryc.hcl")) continue;  // project files
    diag::Collector sink;
    const std::optional<FileId> id = load::read(sm, in, sink);
    if (!id) {
      failed = true;
    } else {
      ++files;
      linter.lint(sm, *id, sink);
    }
    for (diag::Diagnostic& d : sink.diagnostics()) {
      if (d.code.rfind("core-plugin", 0) == 0) failed = true;
      all.push_back(std::move(d));
    }
  }

  if (project_file) {
    diag::Collector sink;
    project::LoadOptions lo;
    lo.config = config;
    const std::optional<project::Project> proj = project::load_project(sm, *project_file, host, lo, sink);
    if (proj) {
      files += proj->entries.size() + 1;
      project::check_project(*proj, host, config, sink);
    } else {
      // Unreadable (core-io, below) is exit 2; a project file that was read
      // but is not valid HCL is a finding with its position, like any file.
      failed |= !sink.has_errors();
    }
    for (diag::Diagnostic& d : sink.diagnostics()) {
      if (d.code.rfind("core-plugin", 0) == 0 || d.code == "core-io") failed = true;
      all.push_back(std::move(d));
    }
  }

  for (diag::Diagnostic& d : host.take_load_problems()) {  // plugins loaded on demand
    failed = true;
    all.push_back(std::move(d));
  }

  // Only SARIF carries rule metadata (the docs make it worth skipping).
  const bool sarif = format == "sarif" || std::any_of(reports.begin(), reports.end(),
                                                      [](const auto& r) { return r.first == "sarif"; });
  const std::vector<render::RuleMeta> meta = sarif ? rule_meta(host) : std::vector<render::RuleMeta>{};
  render::Report report{{}, meta, kVersion};
  report.options.consul_messages = args.has("consul-messages");
  std::error_code ec;
  report.options.source_root = std::filesystem::current_path(ec).string();
  render::Report tty = report;
  tty.options.color = format == "pretty" && ctx.color_for(stdout);
  write_out(stdout, render::find_report_format(format)->render(sm, all, tty));
  for (const auto& [fmt_name, path] : reports) {
    const std::string text = render::find_report_format(fmt_name)->render(sm, all, report);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f) {
      std::fprintf(stderr, "entryc lint: cannot write '%s'\n", path.c_str());
      failed = true;
    }
  }
  if (format == "pretty") {
    std::fprintf(stderr, "linted %zu file%s: %s\n", files, files == 1 ? "" : "s", render::tally(all).c_str());
  }
  if (failed) return kExitUsage;
  const bool findings = std::any_of(all.begin(), all.end(), [&](const diag::Diagnostic& d) {
    return static_cast<int>(d.severity) >= static_cast<int>(fail_on);
  });
  return findings ? kExitFindings : kExitOk;
}

}  // namespace

const Command kLintCommand = {
    "lint",
    "check config entries and ACL rules the way Consul would, and more",
    "entryc lint [--format F] [-o FORMAT=PATH] [--fail-on LEVEL] [--edition ce|ent] [--project FILE] PATH...|-",
    "Reports everything `consul config write` (or the ACL policy API) would reject in each file, all at once\n"
    "and with positions, plus what Consul silently ignores. Directories are walked for *.hcl and *.json.\n"
    "The kind of each file comes from its Kind (config entries) or its content (ACL rules); --kind forces it.\n"
    "Rules come from plugins: see `entryc rules` and `entryc explain RULE-ID`. A finding can be silenced with\n"
    "'# entryc-ignore: RULE-ID reason' on its line or the line before; .entryc.hcl sets edition, preset,\n"
    "excludes and per-rule levels. --project FILE lints a whole project (each file with its cluster's\n"
    "edition) and runs the rules that look across clusters: peers, exports, intentions and ACL tokens.\n"
    "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, I/O or plugin error.",
    kOptions,
    run_lint,
};

}  // namespace entryc::cli
