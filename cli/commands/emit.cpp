// entryc emit: the project's plan as what a backend would send, written out
// instead of sent (docs/backends.md, "consul-http"). Offline: nothing is
// applied, no lock is taken, no secret is read or written.
//
// A command of its own rather than `apply --emit`: apply changes clusters,
// asks for confirmation, takes the state lock and exits 3 when an operation
// fails; emit does none of that and writes files, like `plan --out`.
#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../output_files.hpp"
#include "../project_run.hpp"
#include "commands.hpp"
#include "entryc/apply.hpp"
#include "entryc/plan.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    {"format", 0, "FORMAT", "http (JSON list of requests), curl (bash script) or consul-cli (bash script + files)"},
    {"out", 'o', "FILE|DIR", "write to FILE, or into DIR (consul-cli needs a DIR); default: stdout"},
    {"state", 0, "FILE", "what the clusters hold now (JSON snapshot): only the difference, with CAS indexes"},
    {"backend", 0, "NAME", "the backend that writes the requests (default: consul-http)"},
    {"preset", 0, "PRESET", "recommended (default) or all rules"},
    {"config", 0, "PATH", "the .entryc.hcl to use (default: found upwards from here)"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

int run_emit(Context& ctx, const Args& args) {
  const Command& self = kEmitCommand;
  const std::optional<std::string> format = args.get("format");
  if (!format || (*format != "http" && *format != "curl" && *format != "consul-cli")) {
    return usage_error(self, "--format must be http, curl or consul-cli");
  }
  if (!args.positional().empty()) return usage_error(self, "emit takes no arguments; name the project with --project");

  ProjectRun run;
  ProjectRunOptions ro;
  ro.refusal = "nothing emitted";
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) return rc;
  std::optional<plan::State> state;
  if (auto s = args.get("state")) {
    diag::Collector sd;
    state = plan::load_state(run.sm, *s, sd);
    if (!sd.diagnostics().empty()) ctx.print(stderr, run.sm, sd.diagnostics(), ctx.default_format(stderr), {});
    if (!state) return kExitUsage;
  }
  const plan::Plan p = plan::compile(*run.project, run.host, state ? &*state : nullptr);

  std::unique_ptr<apply::Session> session = open_backend(self, args, run, false, "consul-http");
  if (!session) return kExitUsage;
  std::string error;
  const std::optional<apply::Json> reply =
      session->request({{"request", "emit"}, {"format", *format}, {"plan", apply::Json::parse(plan::to_json(p))}}, error);
  const apply::Json none = apply::Json::array();
  const apply::Json& files_json = reply && reply->is_object() && reply->contains("files") ? reply->at("files") : none;
  if (reply && reply->is_object() && reply->contains("error")) {
    const apply::Json& e = reply->at("error");
    error = e.is_string() ? e.get<std::string>() : e.dump();
  } else if (reply && (!files_json.is_array() || files_json.empty())) {
    error = "it did not answer the emit request with files";
  }
  if (!error.empty()) {
    std::fprintf(stderr, "entryc emit: backend '%s': %s\n", session->backend().name.c_str(), error.c_str());
    return kExitUsage;
  }
  std::vector<OutputFile> files;
  for (const apply::Json& f : files_json) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("text") || !f["text"].is_string()) {
      std::fprintf(stderr, "entryc emit: backend '%s' answered with a malformed file\n",
                   session->backend().name.c_str());
      return kExitUsage;
    }
    files.push_back({f["path"].get<std::string>(), f["text"].get<std::string>(),
                     f.contains("executable") && f["executable"] == true});
  }
  std::string wrote;
  if (const std::string e = write_files(files, args.get("out"), wrote); !e.empty()) {
    std::fprintf(stderr, "entryc emit: %s\n", e.c_str());
    return kExitUsage;
  }
  if (args.get("out")) {
    std::fprintf(stderr, "entryc emit: %zu operation%s as %s: %s%s\n", p.ops.size(), p.ops.size() == 1 ? "" : "s",
                 format->c_str(), wrote.c_str(),
                 files.size() > 1 ? fmt::format(" ({} files)", files.size()).c_str() : "");
  }
  return kExitOk;
}

}  // namespace

const Command kEmitCommand = {
    "emit",
    "write the project's plan as Consul HTTP requests, a curl script or a consul CLI script (offline)",
    "entryc emit --format http|curl|consul-cli [--project FILE] [--state FILE] [-o FILE|DIR]",
    "Loads and lints the project (errors stop here), plans it (against --state, a snapshot of what the\n"
    "clusters hold, or empty clusters), and writes the plan as what the consul-http backend would send,\n"
    "without sending anything:\n"
    "  http        a JSON list of requests {op, cluster, method, url, headers, body} in plan order;\n"
    "  curl        a bash script that sends them with curl (apply.sh);\n"
    "  consul-cli  a bash script of consul CLI commands (apply.sh) and the entry and rules files it\n"
    "              reads, written next to it: needs -o DIR.\n"
    "ACL tokens are read from environment variables when a script runs (CONSUL_HTTP_TOKEN_<CLUSTER>, or the\n"
    "cluster's http.token_env), addresses from http.address or CONSUL_HTTP_ADDR_<CLUSTER>; a peering token\n"
    "only ever lives in a shell variable. The same project gives the same bytes.\n"
    "Exit status: 0 written, 1 errors in the project, 2 usage, I/O or backend error.",
    kOptions,
    run_emit,
};

}  // namespace entryc::cli
