// entryc state list|show|rm: what the backend keeps (the runtime's state
// file), secrets redacted.
#include "../exit_codes.hpp"
#include "../project_run.hpp"
#include "commands.hpp"

namespace entryc::cli {
namespace {

using Json = apply::Json;

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    ENTRYC_BACKEND_OPTIONS,
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

int run_state(Context& ctx, const Args& args) {
  const Command& self = kStateCommand;
  const auto& pos = args.positional();
  if (pos.empty()) return usage_error(self, "name a subcommand: list, show or rm");
  const std::string& sub = pos[0];
  const std::vector<std::string> addresses(pos.begin() + 1, pos.end());
  if (sub != "list" && sub != "show" && sub != "rm") {
    return usage_error(self, "unknown subcommand '" + sub + "': use list, show or rm");
  }
  if (sub == "list" && !addresses.empty()) return usage_error(self, "state list takes no addresses");
  if (sub == "rm" && addresses.empty()) return usage_error(self, "state rm needs the addresses to forget");
  if (const int rc = require_utf8_names(self, addresses); rc >= 0) return rc;
  ProjectRun run;
  ProjectRunOptions ro;
  ro.lint = false;
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) return rc;
  std::unique_ptr<apply::Session> session = open_backend(self, args, run, sub == "rm");
  if (!session) return kExitUsage;
  std::string error;
  const std::optional<Json> answer = session->request({{"request", "state." + sub}, {"addresses", addresses}}, error);
  if (!answer) {
    std::fprintf(stderr, "entryc state: %s\n", error.c_str());
    return kExitUsage;
  }
  if (answer->contains("error")) {
    std::fprintf(stderr, "entryc state %s: %s\n", sub.c_str(), (*answer)["error"].get<std::string>().c_str());
    return kExitUsage;
  }
  if (sub == "list") {
    for (const Json& k : answer->value("addresses", Json::array())) std::printf("%s\n", k.get<std::string>().c_str());
  } else if (sub == "show") {
    write_out(stdout, answer->value("resources", Json::object()).dump(2) + "\n");
  } else {
    if (!session->commit(error)) {
      std::fprintf(stderr, "entryc state rm: could not save the state: %s\n", error.c_str());
      return kExitUsage;
    }
    for (const Json& k : answer->value("removed", Json::array())) {
      std::printf("Removed %s\n", k.get<std::string>().c_str());
    }
  }
  return kExitOk;
}

}  // namespace

const Command kStateCommand = {
    "state",
    "list, show or forget what the backend keeps (the runtime's state)",
    "entryc state list\n"
    "       entryc state show [ADDRESS...]\n"
    "       entryc state rm ADDRESS...",
    "The built-in runtime keeps the clusters it simulates in a state file (.entryc/runtime.json next to\n"
    "the project file; 0600, because it holds peering secrets). `list` prints every resource address\n"
    "(cluster/partition/peering/NAME, cluster/partition/config/KIND/NAMESPACE/NAME,\n"
    "cluster/partition/acl-policy/NAME); `show` prints resources as JSON with every secret redacted;\n"
    "`rm` forgets resources (the next apply creates them again).\n"
    "Exit status: 0 done, 2 usage, I/O or backend error.",
    kOptions,
    run_state,
};

}  // namespace entryc::cli
