// What plan, apply, check and state share: find and load the project file,
// its plugins and .entryc.hcl, lint it, print the diagnostics; and open a
// backend session on it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "driver.hpp"
#include "entryc/apply.hpp"
#include "entryc/lint.hpp"
#include "entryc/plugin_host.hpp"
#include "entryc/project.hpp"

namespace entryc::cli {

struct ProjectRun {
  SourceManager sm;
  diag::Collector diags;
  plugins::Host host;
  lint::Config config;
  std::string project_file;
  std::optional<project::Project> project;
};

struct ProjectRunOptions {
  bool lint = true;           // lint the entry files and run the project rules
  int fail_usage = 2;         // the exit status for usage and I/O problems
  const char* refusal = "stopped";  // what errors in the project mean: "no plan", "nothing applied"
};

// Loads everything and prints the diagnostics to stderr. Returns -1 when the
// project is ready (no errors), else the exit status to return.
int load_project_run(const Command& cmd, Context& ctx, const Args& args, ProjectRun& run,
                     const ProjectRunOptions& options = {});

// Opens a session with the backend named by --backend (default
// `default_backend`) for the loaded project; `write` takes the backend's
// lock. On failure prints why and returns nullptr.
std::unique_ptr<apply::Session> open_backend(const Command& cmd, const Args& args, ProjectRun& run, bool write,
                                             const char* default_backend = "runtime");

// The options every backend command takes.
#define ENTRYC_BACKEND_OPTIONS                                                                               \
  {"backend", 0, "NAME", "the backend plugin (default: runtime, the built-in peering runtime)"},            \
      {"state-dir", 0, "DIR", "where the runtime keeps its state (default: .entryc next to the project file)"}

}  // namespace entryc::cli
