// entryc apply: plan against what the backend holds, show the plan, apply it
// in dependency order. Tokens exist only in memory between the operation
// that makes one and the one that consumes it.
#include <unistd.h>

#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../project_run.hpp"
#include "commands.hpp"
#include "entryc/apply.hpp"
#include "entryc/plan.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    ENTRYC_BACKEND_OPTIONS,
    {"auto-approve", 0, "", "apply without asking (required when stdin is not a terminal)"},
    {"preset", 0, "PRESET", "recommended (default) or all rules"},
    {"config", 0, "PATH", "the .entryc.hcl to use (default: found upwards from here)"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

std::string describe(const plan::Op& op) {
  std::string what = op.type == "peering.generate-token" || op.type == "peering.establish" ? "peer " + op.target
                                                                                           : op.target;
  return fmt::format("{} {}/{} {}", op.type, op.cluster, op.partition, what);
}

bool confirm(std::size_t n) {
  std::fprintf(stderr, "\nApply these %zu operations? Only 'yes' is accepted: ", n);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes";
}

int run_apply(Context& ctx, const Args& args) {
  const Command& self = kApplyCommand;
  if (!args.positional().empty()) return usage_error(self, "apply takes no arguments; name the project with --project");
  const bool auto_approve = args.has("auto-approve");
  if (!auto_approve && isatty(STDIN_FILENO) == 0) {
    return usage_error(self, "stdin is not a terminal: pass --auto-approve to apply without a prompt");
  }
  ProjectRun run;
  ProjectRunOptions ro;
  ro.refusal = "nothing applied";
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) return rc;
  std::unique_ptr<apply::Session> session = open_backend(self, args, run, true);
  if (!session) return kExitUsage;
  std::string error;
  const std::optional<plan::State> state = session->snapshot(error);
  if (!state) {
    std::fprintf(stderr, "entryc apply: %s\n", error.c_str());
    return kExitUsage;
  }
  const plan::Plan p = plan::compile(*run.project, run.host, &*state);
  if (p.ops.empty()) {
    std::printf("No changes: %s matches the project (%zu operations already applied).\n",
                session->backend().name.c_str(), p.unchanged);
    return kExitOk;
  }
  write_out(stdout, plan::to_human(p, *run.project, ctx.color_for(stdout)));
  std::fflush(stdout);
  if (!auto_approve && !confirm(p.ops.size())) {
    std::fprintf(stderr, "entryc apply: cancelled; nothing was applied\n");
    return kExitApplyFailed;
  }
  std::printf("\nApplying with backend %s:\n", session->backend().name.c_str());
  std::fflush(stdout);
  // On a terminal, the operation in flight on one line of stderr that the
  // next result replaces.
  const bool live_line = isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();
  std::size_t n = 0;
  auto starting = [&](const plan::Op& op) {
    if (!live_line) return;
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    std::fprintf(stderr, "\r\033[K  [%zu/%zu, %llds] %s ...", n + 1, p.ops.size(), static_cast<long long>(secs.count()),
                 describe(op).c_str());
    std::fflush(stderr);
  };
  const apply::Outcome out = apply::run(*session, p, [&](const apply::OpOutcome& o) {
    ++n;
    if (live_line) std::fprintf(stderr, "\r\033[K");
    switch (o.status) {
      case apply::OpOutcome::Status::applied:
        std::printf("  %3zu. ok       %s\n", n, describe(*o.op).c_str());
        break;
      case apply::OpOutcome::Status::failed:
        std::printf("  %3zu. FAILED   %s\n         %s%s\n", n, describe(*o.op).c_str(),
                    o.http ? fmt::format("{}: ", o.http).c_str() : "", o.error.c_str());
        break;
      case apply::OpOutcome::Status::skipped:
        std::printf("  %3zu. skipped  %s\n         %s\n", n, describe(*o.op).c_str(), o.error.c_str());
        break;
    }
    std::fflush(stdout);
  }, starting);
  const std::size_t applied = out.count(apply::OpOutcome::Status::applied);
  const std::size_t failed = out.count(apply::OpOutcome::Status::failed);
  const std::size_t skipped = out.count(apply::OpOutcome::Status::skipped);
  if (!out.committed) {
    std::fprintf(stderr, "entryc apply: could not save the state: %s\n", out.commit_error.c_str());
    return kExitApplyFailed;
  }
  std::printf("\nApply %s: %zu applied, %zu failed, %zu skipped.\n", failed || skipped ? "incomplete" : "complete",
              applied, failed, skipped);
  return failed || skipped ? kExitApplyFailed : kExitOk;
}

}  // namespace

const Command kApplyCommand = {
    "apply",
    "apply the project's plan through a backend (default: the built-in peering runtime)",
    "entryc apply [--project FILE] [--backend NAME] [--state-dir DIR] [--auto-approve]",
    "Loads and lints the project (errors stop here), reads what the backend holds, plans the difference,\n"
    "shows it, asks for confirmation (or --auto-approve), and applies the operations in dependency order:\n"
    "peering tokens, establishment, exports, intentions, ACL policies. A peering token goes from the\n"
    "operation that generates it to the one that establishes with it in memory only; it is never printed\n"
    "or written into a plan. Applying again when nothing changed does nothing. When an operation fails,\n"
    "the operations that depend on it are skipped, the others still run, and the state keeps exactly what\n"
    "was applied. With --backend consul-http the clusters are Consul agents reached over their HTTP API\n"
    "(addresses and tokens from the project's http blocks and the environment; docs/backends.md): config\n"
    "writes are check-and-set against what was read, every write is read back, and connection errors,\n"
    "timeouts, 429 and 503 are retried with backoff.\n"
    "Exit status: 0 applied (or nothing to do), 1 errors in the project, 2 usage, I/O or backend error,\n"
    "3 an operation failed or the apply was cancelled.",
    kOptions,
    run_apply,
};

}  // namespace entryc::cli
