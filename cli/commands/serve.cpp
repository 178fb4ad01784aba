// entryc serve: the built-in runtime behind Consul's HTTP API, one listener
// per simulated cluster, all sharing one World (docs/serve.md).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../exit_codes.hpp"
#include "../project_run.hpp"
#include "api.hpp"
#include "commands.hpp"
#include "http.hpp"
#include "store.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"cluster", 0, "NAME", "a cluster of the project to serve (repeatable; pairs with --listen in order)"},
    {"listen", 0, "HOST:PORT", "where that cluster listens (port 0: any free port, printed when ready)"},
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    {"state-dir", 0, "DIR", "load the runtime's state from DIR and record every write there (default: memory only)"},
    {"token-file", 0, "FILE", "the management token for clusters with ACLs (else $ENTRYC_SERVE_TOKEN)"},
    {"allow-remote", 0, "", "allow a --listen address that is not loopback"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

// The management token: --token-file, else $ENTRYC_SERVE_TOKEN; trailing
// whitespace dropped. False (with `error`) when the file cannot be read.
bool read_token(const Args& args, std::string& token, std::string& error) {
  if (auto file = args.get("token-file")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      error = "cannot read the token file '" + *file + "'";
      return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    token = ss.str();
  } else if (const char* env = std::getenv("ENTRYC_SERVE_TOKEN")) {
    token = env;
  }
  while (!token.empty() &&
         (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' || token.back() == '\t')) {
    token.pop_back();
  }
  return true;
}

int run_serve(Context& ctx, const Args& args) {
  const Command& self = kServeCommand;
  const std::vector<std::string> clusters = args.all("cluster");
  const std::vector<std::string> listens = args.all("listen");
  if (clusters.empty()) return usage_error(self, "name at least one --cluster with its --listen address");
  if (clusters.size() != listens.size()) return usage_error(self, "give one --listen for each --cluster, in order");
  if (!args.positional().empty()) return usage_error(self, "serve takes no positional arguments");
  std::vector<std::pair<std::string, unsigned short>> addrs;
  for (const std::string& l : listens) {
    std::string host;
    unsigned short port = 0;
    if (!serve::split_host_port(l, host, port)) return usage_error(self, "--listen '" + l + "' is not HOST:PORT");
    if (!serve::is_loopback(host) && !args.has("allow-remote")) {
      return usage_error(
          self,
          "--listen '" + l + "' is not a loopback address; the API has no TLS, pass --allow-remote to serve it anyway");
    }
    addrs.emplace_back(host, port);
  }
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (clusters[i] == clusters[j]) return usage_error(self, "cluster '" + clusters[i] + "' is named twice");
    }
  }
  std::string token, error;
  if (!read_token(args, token, error)) return usage_error(self, error);

  ProjectRun run;
  ProjectRunOptions ro;
  ro.lint = false;
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) return rc;
  const runtime::Json topology = runtime::Json::parse(project::project_json(*run.project));
  const runtime::Json all_clusters = topology.value("clusters", runtime::Json::array());
  for (const std::string& name : clusters) {
    const runtime::Json* found = nullptr;
    for (const runtime::Json& c : all_clusters) {
      if (c.value("name", "") == name) found = &c;
    }
    if (!found) return usage_error(self, "the project has no cluster '" + name + "'");
    if (found->value("acl", runtime::Json::object()).value("enabled", false) && token.empty()) {
      return usage_error(
          self, "cluster '" + name +
                    "' has ACLs enabled: give its management token with --token-file FILE or $ENTRYC_SERVE_TOKEN");
    }
  }

  try {
    runtime::World world(topology);
    std::unique_ptr<runtime::Store> store;
    if (auto dir = args.get("state-dir")) {
      store = std::make_unique<runtime::Store>(*dir, true);  // held until we exit
      store->load(world);
      for (const std::string& n : store->notes()) std::fprintf(stderr, "entryc serve: note: %s\n", n.c_str());
    }
    serve::Api api(topology, world, store.get(), clusters, token);
    serve::Server server([&api](const serve::HttpRequest& r) { return api.handle(r); });
    for (std::size_t i = 0; i < clusters.size(); ++i) {
      const unsigned short port = server.listen(addrs[i].first, addrs[i].second);
      const std::string host =
          addrs[i].first.find(':') != std::string::npos ? "[" + addrs[i].first + "]" : addrs[i].first;
      std::fprintf(stderr, "entryc serve: listening on http://%s:%u (cluster %s)\n", host.c_str(), port,
                   clusters[i].c_str());
    }
    std::fflush(stderr);
    server.run();
    if (store) store->compact(world);
    std::fprintf(stderr, "entryc serve: stopped\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "entryc serve: %s\n", e.what());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

const Command kServeCommand = {
    "serve",
    "serve the built-in runtime over Consul's HTTP API, one listener per cluster",
    "entryc serve --cluster NAME --listen 127.0.0.1:PORT [--cluster NAME2 --listen ADDR2 ...]\n"
    "       [--project FILE] [--state-dir DIR] [--token-file FILE] [--allow-remote]",
    "Simulates the project's clusters in one runtime (the same one `entryc apply` uses) and answers the\n"
    "subset of Consul's HTTP API that entryc and operators use (peering, config entries, exported\n"
    "services, intention check/match, ACL policies); see docs/serve.md. A peering token generated on\n"
    "one listener can be established on another. Clusters with ACLs enabled require the management\n"
    "token (from --token-file or $ENTRYC_SERVE_TOKEN) in X-Consul-Token. With --state-dir the state is\n"
    "loaded at start and every write recorded, in the format `entryc check` and `entryc state` read;\n"
    "the state's lock is held until exit. Stops on SIGINT/SIGTERM.\n"
    "Exit status: 0 stopped by a signal, 2 usage, I/O or project error.",
    kOptions,
    run_serve,
};

}  // namespace entryc::cli
