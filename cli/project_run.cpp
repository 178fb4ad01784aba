#include "project_run.hpp"

#include <filesystem>

#include "plugin_options.hpp"

namespace entryc::cli {

int load_project_run(const Command& cmd, Context& ctx, const Args& args, ProjectRun& run,
                     const ProjectRunOptions& options) {
  bool config_ok = true;
  run.config = lint::load_config(run.sm, args.get("config").value_or(""), ".", run.diags, config_ok);
  if (auto p = args.get("preset")) {
    if (*p != "recommended" && *p != "all") return usage_error(cmd, "--preset must be recommended or all");
    run.config.preset = *p;
  }
  run.project_file = args.get("project").value_or("");
  if (run.project_file.empty()) {
    // Shown relative to here, so that plans do not depend on where the checkout is.
    run.project_file = project::find_project_file(".");
    std::error_code ec;
    if (!run.project_file.empty()) {
      const std::string rel =
          std::filesystem::relative(run.project_file, std::filesystem::current_path(), ec).string();
      if (!ec && !rel.empty()) run.project_file = rel;
    }
  }
  if (run.project_file.empty()) {
    std::fprintf(stderr, "entryc %s: no project file: write an entryc.hcl (docs/project-file.md) or pass --project FILE\n",
                 std::string(cmd.name).c_str());
    return options.fail_usage;
  }
  bool ok = load_plugins(run.host, args, run.diags) && config_ok;
  project::LoadOptions lo;
  lo.config = run.config;
  lo.lint = options.lint;
  run.project = project::load_project(run.sm, run.project_file, run.host, lo, run.diags);
  if (run.project && options.lint) project::check_project(*run.project, run.host, run.config, run.diags);
  if (!run.project) {
    // A project file that cannot be read is an I/O failure; one that was read
    // but is not valid HCL (syntax, encoding, nesting) is an error in the
    // project like any other, reported with its position.
    bool unreadable = !run.diags.has_errors();
    for (const diag::Diagnostic& d : run.diags.diagnostics()) {
      if (d.severity == diag::Severity::error && d.code == "core-io") unreadable = true;
    }
    if (unreadable) ok = false;
  }
  if (!run.diags.diagnostics().empty()) {
    std::vector<diag::Diagnostic> all = std::move(run.diags.diagnostics());
    ctx.print(stderr, run.sm, all, ctx.default_format(stderr), {});
    run.diags.diagnostics() = std::move(all);
  }
  if (!ok) return options.fail_usage;
  if (run.diags.has_errors()) {
    std::fprintf(stderr, "entryc %s: %s: fix the errors above first (%s)\n", std::string(cmd.name).c_str(),
                 options.refusal, render::tally(run.diags.diagnostics()).c_str());
    // plan and apply document 1 for errors in the project; for check (where 1
    // means DENIED) and state, a project that cannot be used is a usage error.
    return options.lint ? 1 : options.fail_usage;
  }
  return -1;
}

std::unique_ptr<apply::Session> open_backend(const Command& cmd, const Args& args, ProjectRun& run, bool write,
                                             const char* default_backend) {
  const std::string name = args.get("backend").value_or(default_backend);
  const plugins::Plugin* backend = run.host.backend(name);
  if (!backend) {
    std::string have;
    for (const auto& p : run.host.plugins()) {
      if (p->backend) have += (have.empty() ? "" : ", ") + p->name;
    }
    std::fprintf(stderr, "entryc %s: no backend plugin named '%s' (loaded: %s); see `entryc plugins`\n",
                 std::string(cmd.name).c_str(), name.c_str(), have.empty() ? "none" : have.c_str());
    return nullptr;
  }
  std::string dir = args.get("state-dir").value_or("");
  if (dir.empty()) dir = (std::filesystem::path(run.project->topo.dir) / ".entryc").string();
  apply::Json config = {{"project", apply::Json::parse(project::project_json(*run.project))},
                        {"state_dir", dir},
                        {"write", write}};
  std::string error;
  std::unique_ptr<apply::Session> s = apply::Session::open(*backend, config, error);
  if (!s) {
    std::fprintf(stderr, "entryc %s: backend '%s': %s\n", std::string(cmd.name).c_str(), name.c_str(), error.c_str());
    return nullptr;
  }
  // Whatever the backend wants the user to know about its state (a torn
  // journal line it ignored, a stale lock it took over).
  if (std::optional<apply::Json> notes = s->request({{"request", "notes"}}, error); notes && notes->is_array()) {
    for (const auto& n : *notes) {
      if (n.is_string()) std::fprintf(stderr, "entryc %s: note: %s\n", std::string(cmd.name).c_str(), n.get<std::string>().c_str());
    }
  }
  return s;
}

}  // namespace entryc::cli
