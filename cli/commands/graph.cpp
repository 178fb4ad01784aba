// entryc graph: the project as a picture (Graphviz DOT, or SVG through
// Graphviz's `dot`). A renderer only: peering states come from the plan
// against what the backend holds, exports and the allowed caller -> service
// edges from the built-in runtime after applying the whole plan to empty
// scratch clusters (the same answers as `check --matrix` after `apply`).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../exit_codes.hpp"
#include "../project_run.hpp"
#include "commands.hpp"
#include "entryc/apply.hpp"
#include "entryc/plan.hpp"

namespace entryc::cli {
namespace {

namespace fs = std::filesystem;
using Json = apply::Json;

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    {"format", 0, "FORMAT", "dot (default) or svg (needs Graphviz's `dot`)"},
    {"out", 'o', "PATH", "write to PATH instead of stdout"},
    ENTRYC_BACKEND_OPTIONS,
    {"preset", 0, "PRESET", "recommended (default) or all rules"},
    {"config", 0, "PATH", "the .entryc.hcl to use (default: found upwards from here)"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

// A DOT double-quoted string: only '"' and '\' need escaping; a newline
// becomes DOT's centred line break.
std::string q(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string join(const std::set<std::string>& xs, std::string_view sep) {
  std::string out;
  for (const std::string& x : xs) out += (out.empty() ? "" : std::string(sep)) + x;
  return out;
}

// What the picture shows, gathered from the plan and the backends.
struct View {
  std::map<std::string, std::set<std::string>> exported_to;  // "cluster/partition/service" -> consumers
  std::vector<std::pair<std::string, std::string>> allowed;  // (source, destination), sorted
  std::map<std::string, std::string> peering_state;          // peering id -> label
};

// The peering's state as the plan sees it: what the acceptor holds, and
// whether the plan still has to generate or establish it.
std::string peering_state(const project::Peering& pr, const plan::State* state, const plan::Plan& p) {
  std::string held;
  if (state) {
    for (const plan::State::Peering& s : state->peerings) {
      if (s.cluster == pr.acceptor.cluster && s.partition == pr.acceptor.partition && s.name == pr.acceptor_peer_name) {
        held = s.state;
      }
    }
  }
  bool planned = false;
  for (const plan::Op& op : p.ops) {
    const bool acceptor = op.type == "peering.generate-token" && op.cluster == pr.acceptor.cluster &&
                          op.partition == pr.acceptor.partition && op.target == pr.acceptor_peer_name;
    const bool dialer = op.type == "peering.establish" && op.cluster == pr.dialer.cluster &&
                        op.partition == pr.dialer.partition && op.target == pr.dialer_peer_name;
    planned = planned || acceptor || dialer;
  }
  if (held.empty()) return planned ? "planned" : "absent";
  return planned ? held + ", changes planned" : held;
}

// Applies the whole plan to empty clusters of the built-in runtime in a
// scratch directory and reads back the exports and the caller matrix.
bool simulate(ProjectRun& run, View& view, std::string& error) {
  const plugins::Plugin* runtime = run.host.backend("runtime");
  if (!runtime) {
    error = "the built-in runtime backend plugin is not loaded (see `entryc plugins`)";
    return false;
  }
  std::string tmpl = (fs::temp_directory_path() / "entryc-graph-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) {
    error = "cannot create a scratch directory in " + fs::temp_directory_path().string();
    return false;
  }
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{tmpl};
  const Json config = {{"project", Json::parse(project::project_json(*run.project))}, {"state_dir", tmpl}, {"write", true}};
  std::unique_ptr<apply::Session> s = apply::Session::open(*runtime, config, error);
  if (!s) return false;
  apply::run(*s, plan::compile(*run.project, run.host, nullptr));
  for (const project::Cluster& c : run.project->topo.clusters) {
    for (const project::Partition& p : c.partitions) {
      const std::optional<Json> rows =
          s->request({{"request", "exported-services"}, {"cluster", c.name}, {"partition", p.name}}, error);
      if (!rows) return false;
      if (!rows->is_array()) continue;
      for (const Json& r : *rows) {
        std::set<std::string>& to = view.exported_to[c.name + "/" + p.name + "/" + r.value("Service", "")];
        const Json consumers = r.value("Consumers", Json::object());
        for (const Json& peer : consumers.value("Peers", Json::array())) to.insert("peer " + peer.get<std::string>());
        for (const Json& part : consumers.value("Partitions", Json::array())) {
          to.insert("partition " + part.get<std::string>());
        }
      }
    }
  }
  const std::optional<Json> m = s->request({{"request", "matrix"}}, error);
  if (!m) return false;
  if (m->contains("error")) {
    error = (*m)["error"].get<std::string>();
    return false;
  }
  for (const Json& e : m->value("edges", Json::array())) {
    if (e.value("allowed", false)) view.allowed.emplace_back(e.value("source", ""), e.value("destination", ""));
  }
  std::sort(view.allowed.begin(), view.allowed.end());
  return true;
}

std::string to_dot(const project::Topology& topo, const View& view) {
  std::ostringstream o;
  o << "digraph entryc {\n"
       "  graph [rankdir=LR, compound=true, fontname=\"Helvetica\", fontsize=11];\n"
       "  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=10];\n"
       "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  std::vector<const project::Cluster*> clusters;
  for (const project::Cluster& c : topo.clusters) clusters.push_back(&c);
  std::sort(clusters.begin(), clusters.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  for (const project::Cluster* c : clusters) {
    std::string label = c->name + " (datacenter " + (c->datacenter.empty() ? c->name : c->datacenter) + ")";
    if (c->acl_enabled) label += "\nACLs on, default " + c->acl_default_policy;
    o << "  subgraph " << q("cluster_" + c->name) << " {\n    label=" << q(label) << ";\n    style=\"rounded\";\n";
    std::vector<const project::Partition*> parts;
    for (const project::Partition& p : c->partitions) parts.push_back(&p);
    std::sort(parts.begin(), parts.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
    for (const project::Partition* p : parts) {
      const std::string at = c->name + "/" + p->name;
      o << "    subgraph " << q("cluster_" + at) << " {\n      label=" << q("partition " + p->name)
        << ";\n      style=\"dashed\";\n"
        << "      " << q(at) << " [shape=point, style=invis];\n";
      std::set<std::string> services(p->services.begin(), p->services.end());
      const std::string prefix = at + "/";
      for (auto it = view.exported_to.lower_bound(prefix); it != view.exported_to.end() && it->first.starts_with(prefix);
           ++it) {
        services.insert(it->first.substr(prefix.size()));
      }
      for (const std::string& s : services) {
        const auto e = view.exported_to.find(prefix + s);
        if (e == view.exported_to.end()) {
          o << "      " << q(prefix + s) << " [label=" << q(s) << "];\n";
        } else {
          o << "      " << q(prefix + s) << " [label=" << q(s + "\nexported to " + join(e->second, ", "))
            << ", peripheries=2];\n";
        }
      }
      o << "    }\n";
    }
    o << "  }\n";
  }
  std::vector<const project::Peering*> peerings;
  for (const project::Peering& p : topo.peerings) peerings.push_back(&p);
  std::sort(peerings.begin(), peerings.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  for (const project::Peering* p : peerings) {
    const std::string a = p->acceptor.str(), d = p->dialer.str();
    const auto st = view.peering_state.find(p->id);
    o << "  " << q(a) << " -> " << q(d) << " [ltail=" << q("cluster_" + a) << ", lhead=" << q("cluster_" + d)
      << ", dir=none, style=bold, color=\"#1565c0\", label="
      << q("peering " + p->id + "\n" + (st == view.peering_state.end() ? "" : st->second)) << "];\n";
  }
  for (const auto& edge : view.allowed) {
    o << "  " << q(edge.first) << " -> " << q(edge.second) << " [color=\"#2e7d32\"];\n";
  }
  o << "}\n";
  return o.str();
}

// The path of `dot` on $PATH, or "".
std::string find_dot() {
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "";
  while (true) {
    const std::size_t colon = rest.find(':');
    const fs::path candidate = fs::path(std::string(rest.substr(0, colon))) / "dot";
    if (!rest.substr(0, colon).empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    if (colon == std::string_view::npos) return "";
    rest.remove_prefix(colon + 1);
  }
}

// DOT -> SVG through `dot -Tsvg`; "" and `error` on failure.
std::string to_svg(const std::string& dot_text, std::string& error) {
  const std::string dot = find_dot();
  if (dot.empty()) {
    error = "--format svg needs Graphviz's `dot` on PATH (Debian: apt install graphviz); --format dot works without";
    return "";
  }
  std::string tmpl = (fs::temp_directory_path() / "entryc-graph-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    error = "cannot create a temporary file";
    return "";
  }
  ::close(fd);
  {
    std::ofstream f(tmpl, std::ios::binary | std::ios::trunc);
    f << dot_text;
  }
  // Both paths are ours (from $PATH and mkstemp); quote them for the shell anyway.
  auto sh = [](const std::string& s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  };
  std::string svg;
  if (std::FILE* p = ::popen((sh(dot) + " -Tsvg " + sh(tmpl)).c_str(), "r")) {
    char buf[8192];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) svg.append(buf, n);
    const int rc = ::pclose(p);
    if (rc != 0) {
      error = "`dot -Tsvg` failed (status " + std::to_string(rc) + ")";
      svg.clear();
    }
  } else {
    error = "cannot run " + dot;
  }
  std::error_code ec;
  fs::remove(tmpl, ec);
  return svg;
}

int run_graph(Context& ctx, const Args& args) {
  const Command& self = kGraphCommand;
  const std::string format = args.get("format").value_or("dot");
  if (format != "dot" && format != "svg") return usage_error(self, "--format must be dot or svg");
  if (!args.positional().empty()) return usage_error(self, "graph takes no arguments; name the project with --project");
  ProjectRun run;
  ProjectRunOptions ro;
  ro.refusal = "no graph";
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) return rc;

  std::unique_ptr<apply::Session> session = open_backend(self, args, run, false);
  if (!session) return kExitUsage;
  std::string error;
  const std::optional<plan::State> state = session->snapshot(error);
  if (!state) {
    std::fprintf(stderr, "entryc graph: %s\n", error.c_str());
    return kExitUsage;
  }
  session.reset();
  View view;
  const plan::Plan now = plan::compile(*run.project, run.host, &*state);
  for (const project::Peering& p : run.project->topo.peerings) view.peering_state[p.id] = peering_state(p, &*state, now);
  if (!simulate(run, view, error)) {
    std::fprintf(stderr, "entryc graph: %s\n", error.c_str());
    return kExitUsage;
  }
  std::string text = to_dot(run.project->topo, view);
  if (format == "svg") {
    text = to_svg(text, error);
    if (text.empty()) {
      std::fprintf(stderr, "entryc graph: %s\n", error.c_str());
      return kExitUsage;
    }
  }
  if (const std::optional<std::string> out = args.get("out")) {
    std::ofstream f(*out, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f) {
      std::fprintf(stderr, "entryc graph: cannot write '%s'\n", out->c_str());
      return kExitUsage;
    }
    return kExitOk;
  }
  write_out(stdout, text);
  return kExitOk;
}

}  // namespace

const Command kGraphCommand = {
    "graph",
    "draw clusters, partitions, peerings, exports and who may call whom (DOT or SVG)",
    "entryc graph [--project FILE] [--format dot|svg] [-o PATH]",
    "Draws the project: each cluster and its partitions as boxes, each declared service, each peering as\n"
    "an edge between partitions labelled with its state as the plan sees it against the backend (absent,\n"
    "planned, ACTIVE, ...), exported services with their consumers, and every allowed caller -> service\n"
    "pair. Exports and allowed pairs are what `entryc check --matrix` answers once the whole plan is\n"
    "applied (simulated on the built-in runtime in a scratch directory; nothing is written). The DOT text\n"
    "is deterministic. --format svg runs Graphviz's `dot -Tsvg` and fails with status 2 when it is not\n"
    "installed.\n"
    "Exit status: 0 drawn, 1 errors in the project, 2 usage, I/O, backend or Graphviz error.",
    kOptions,
    run_graph,
};

}  // namespace entryc::cli
