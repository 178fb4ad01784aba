// entryc plan: the project's entries and topology → the ordered operations
// that bring the clusters there (docs/plan-format.md).
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../plugin_options.hpp"
#include "commands.hpp"
#include "entryc/plan.hpp"
#include "entryc/project.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    {"state", 0, "FILE", "what the clusters hold now (JSON snapshot); default: empty clusters"},
    {"format", 0, "FORMAT", "human (default) or json"},
    {"out", 0, "FILE", "also write the plan as JSON to FILE"},
    {"detailed-exitcode", 0, "", "exit 0 when there is nothing to do, 2 when there are changes, 1 on errors"},
    {"preset", 0, "PRESET", "recommended (default) or all rules"},
    {"config", 0, "PATH", "the .entryc.hcl to use (default: found upwards from here)"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

int run_plan(Context& ctx, const Args& args) {
  const Command& self = kPlanCommand;
  const std::string format = args.get("format").value_or("human");
  if (format != "human" && format != "json") return usage_error(self, "--format must be human or json");
  if (!args.positional().empty()) return usage_error(self, "plan takes no arguments; name the project with --project");
  const bool detailed = args.has("detailed-exitcode");
  // With --detailed-exitcode every failure is 1, as in `terraform plan`.
  const int fail_usage = detailed ? kExitFindings : kExitUsage;

  SourceManager sm;
  diag::Collector diags;
  bool config_ok = true;
  lint::Config config = lint::load_config(sm, args.get("config").value_or(""), ".", diags, config_ok);
  if (auto p = args.get("preset")) {
    if (*p != "recommended" && *p != "all") return usage_error(self, "--preset must be recommended or all");
    config.preset = *p;
  }
  std::string project_file = args.get("project").value_or("");
  if (project_file.empty()) {
    // Shown relative to here, so that plans do not depend on where the checkout is.
    project_file = project::find_project_file(".");
    std::error_code ec;
    if (!project_file.empty()) {
      const std::string rel = std::filesystem::relative(project_file, std::filesystem::current_path(), ec).string();
      if (!ec && !rel.empty()) project_file = rel;
    }
  }
  if (project_file.empty()) {
    std::fprintf(stderr,
                 "entryc plan: no project file: write an entryc.hcl (docs/project-file.md) or pass --project FILE\n");
    return fail_usage;
  }
  plugins::Host host;
  bool ok = load_plugins(host, args, diags) && config_ok;

  project::LoadOptions lo;
  lo.config = config;
  std::optional<project::Project> proj = project::load_project(sm, project_file, host, lo, diags);
  std::optional<plan::State> state;
  if (proj) {
    project::check_project(*proj, host, config, diags);
    if (auto s = args.get("state")) {
      state = plan::load_state(sm, *s, diags);
      if (!state) ok = false;
    }
  } else {
    ok = false;
  }
  if (!diags.diagnostics().empty()) {
    std::vector<diag::Diagnostic> all = std::move(diags.diagnostics());
    ctx.print(stderr, sm, all, ctx.default_format(stderr), {});
    diags.diagnostics() = std::move(all);
  }
  const bool errors = diags.has_errors();
  if (!ok || !proj) return fail_usage;
  if (errors) {
    std::fprintf(stderr, "entryc plan: no plan: fix the errors above first (%s)\n", render::tally(diags.diagnostics()).c_str());
    return kExitFindings;
  }

  const plan::Plan p = plan::compile(*proj, host, state ? &*state : nullptr);
  const std::string json = plan::to_json(p);
  write_out(stdout, format == "json" ? json : plan::to_human(p, *proj, ctx.color_for(stdout)));
  if (auto out = args.get("out")) {
    std::ofstream f(*out, std::ios::binary | std::ios::trunc);
    f << json;
    if (!f) {
      std::fprintf(stderr, "entryc plan: cannot write '%s'\n", out->c_str());
      return fail_usage;
    }
  }
  if (detailed) return p.ops.empty() ? kExitOk : 2;
  return kExitOk;
}

}  // namespace

const Command kPlanCommand = {
    "plan",
    "compile the project into the ordered operations that peer its clusters",
    "entryc plan [--project FILE] [--state FILE] [--format human|json] [--out FILE] [--detailed-exitcode]",
    "Reads the project file (clusters, partitions, peerings, ACL tokens; docs/project-file.md) and every entry\n"
    "file it lists, lints them all with each cluster's edition, runs the project-wide rules, and prints the\n"
    "operations in the order of the four peering steps: generate peering tokens, establish peerings, export\n"
    "services, authorize them with intentions (then ACL policies). A token is only ever a reference to the\n"
    "operation that makes it. With --state, only what differs from the snapshot is planned; defaults, key\n"
    "case, list order and HCL-vs-JSON spelling are not differences.\n"
    "Exit status: 0 planned, 1 errors in the project, 2 usage or I/O error; with --detailed-exitcode:\n"
    "0 nothing to do, 1 any error, 2 changes planned.",
    kOptions,
    run_plan,
};

}  // namespace entryc::cli
