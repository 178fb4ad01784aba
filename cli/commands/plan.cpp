// entryc plan: the project's entries and topology → the ordered operations
// that bring the clusters there (docs/plan-format.md).
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../project_run.hpp"
#include "commands.hpp"
#include "entryc/plan.hpp"
#include "entryc/project.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    {"state", 0, "FILE", "what the clusters hold now (JSON snapshot); default: empty clusters"},
    {"refresh", 0, "", "read what the clusters hold through the backend (default: runtime): drift detection"},
    ENTRYC_BACKEND_OPTIONS,
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

  ProjectRun run;
  ProjectRunOptions ro;
  ro.fail_usage = fail_usage;
  ro.refusal = "no plan";
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) {
    return rc == kExitFindings ? kExitFindings : fail_usage;
  }
  std::optional<plan::State> state;
  if (auto s = args.get("state")) {
    if (args.has("backend") || args.has("refresh")) {
      return usage_error(self, "--state and --backend/--refresh both say what the clusters hold; pick one");
    }
    diag::Collector sd;
    state = plan::load_state(run.sm, *s, sd);
    if (!sd.diagnostics().empty()) ctx.print(stderr, run.sm, sd.diagnostics(), ctx.default_format(stderr), {});
    if (!state) return fail_usage;
  } else if (args.has("backend") || args.has("refresh")) {
    std::unique_ptr<apply::Session> session = open_backend(self, args, run, false);
    if (!session) return fail_usage;
    std::string error;
    state = session->snapshot(error);
    if (!state) {
      std::fprintf(stderr, "entryc plan: %s\n", error.c_str());
      return fail_usage;
    }
  }
  const plan::Plan p = plan::compile(*run.project, run.host, state ? &*state : nullptr);
  const std::string json = plan::to_json(p);
  write_out(stdout, format == "json" ? json : plan::to_human(p, *run.project, ctx.color_for(stdout)));
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
    "entryc plan [--project FILE] [--state FILE | --refresh [--backend NAME]] [--format human|json] [--out FILE]\n"
    "            [--detailed-exitcode]",
    "Reads the project file (clusters, partitions, peerings, ACL tokens; docs/project-file.md) and every entry\n"
    "file it lists, lints them all with each cluster's edition, runs the project-wide rules, and prints the\n"
    "operations in the order of the four peering steps: generate peering tokens, establish peerings, export\n"
    "services, authorize them with intentions (then ACL policies). A token is only ever a reference to the\n"
    "operation that makes it. With --state (a snapshot file) or --refresh (what the backend holds: the\n"
    "built-in runtime's state, or with --backend consul-http the live clusters; --backend alone implies it),\n"
    "only what differs is planned; defaults, key case, list order and HCL-vs-JSON spelling are not\n"
    "differences, so what remains is drift.\n"
    "Exit status: 0 planned, 1 errors in the project, 2 usage or I/O error; with --detailed-exitcode:\n"
    "0 nothing to do, 1 any error, 2 changes planned.",
    kOptions,
    run_plan,
};

}  // namespace entryc::cli
