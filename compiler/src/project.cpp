// Which files belong to which cluster/partition, linting them with their
// cluster's edition, and the project as one JSON document.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "entryc/generic.hpp"
#include "entryc/load.hpp"
#include "entryc/project.hpp"
#include "entryc/utf8.hpp"

namespace entryc::project {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// The (glob, path) suffix pairs, by their lengths, already known not to
// match: without them a glob with many stars backtracks exponentially (a
// project file found by fuzz_project hung for more than 10 s). Made at the
// first star, so a glob without one costs no allocation.
struct Failed {
  std::size_t rows, cols;
  std::vector<bool> seen;
};

bool match(std::string_view g, std::string_view p, Failed& failed);

bool match_once(std::string_view g, std::string_view p, Failed& failed) {
  if (failed.seen.empty()) failed.seen.resize(failed.rows * failed.cols);
  const std::size_t k = g.size() * failed.cols + p.size();
  if (failed.seen[k]) return false;
  if (match(g, p, failed)) return true;
  failed.seen[k] = true;
  return false;
}

bool match(std::string_view g, std::string_view p, Failed& failed) {
  while (!g.empty()) {
    if (g.substr(0, 2) == "**") {
      g.remove_prefix(2);
      const bool dirs = !g.empty() && g[0] == '/';
      if (dirs) g.remove_prefix(1);
      if (g.empty()) return true;
      // `**/` matches zero or more whole directories; a bare `**` anything.
      for (std::size_t i = 0; i <= p.size(); ++i) {
        if ((!dirs || i == 0 || p[i - 1] == '/') && match_once(g, p.substr(i), failed)) return true;
      }
      return false;
    }
    const char c = g[0];
    if (c == '*') {
      g.remove_prefix(1);
      for (std::size_t i = 0; i <= p.size(); ++i) {
        if (match_once(g, p.substr(i), failed)) return true;
        if (i < p.size() && p[i] == '/') break;
      }
      return false;
    }
    if (p.empty()) return false;
    if (c == '?') {
      if (p[0] == '/') return false;
    } else if (c == '[') {
      const std::size_t close = g.find(']', 2);
      if (close == std::string_view::npos) {
        if (p[0] != '[') return false;
      } else {
        std::string_view set = g.substr(1, close - 1);
        const bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
        if (negate) set.remove_prefix(1);
        bool hit = false;
        for (std::size_t i = 0; i < set.size(); ++i) {
          if (i + 2 < set.size() && set[i + 1] == '-') {
            hit = hit || (p[0] >= set[i] && p[0] <= set[i + 2]);
            i += 2;
          } else {
            hit = hit || p[0] == set[i];
          }
        }
        if (hit == negate || p[0] == '/') return false;
        g.remove_prefix(close);
      }
    } else if (c != p[0]) {
      return false;
    }
    g.remove_prefix(1);
    p.remove_prefix(1);
  }
  return p.empty();
}

}  // namespace

bool glob_match(std::string_view g, std::string_view p) {
  Failed failed{g.size() + 1, p.size() + 1, {}};
  return match(g, p, failed);
}

namespace {

// A path of the project document into entries[]: entries[3] (the entry as a
// whole) or entries[3].entry.Sources[0].Peer (inside the entry: `rest` is
// Sources[0].Peer).
struct EntryPath {
  std::size_t index = 0;
  bool inside = false;
  std::string_view rest;
};

std::optional<EntryPath> entry_path(std::string_view path) {
  static constexpr std::string_view kEntries = "entries[";
  static constexpr std::string_view kEntry = ".entry";
  if (path.substr(0, kEntries.size()) != kEntries) return std::nullopt;
  const std::size_t close = path.find(']');
  if (close == std::string_view::npos || close == kEntries.size()) return std::nullopt;
  EntryPath ep;
  for (char c : path.substr(kEntries.size(), close - kEntries.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    ep.index = ep.index * 10 + static_cast<std::size_t>(c - '0');
  }
  ep.rest = path.substr(close + 1);
  if (ep.rest.substr(0, kEntry.size()) == kEntry) {
    ep.inside = true;
    ep.rest.remove_prefix(kEntry.size());
    if (!ep.rest.empty() && ep.rest[0] == '.') ep.rest.remove_prefix(1);
  }
  return ep;
}

}  // namespace

std::optional<consul::Located> Project::locate(std::string_view path) const {
  const std::optional<EntryPath> ep = entry_path(path);
  if (!ep) return topo.paths.find(path);
  if (ep->index >= entries.size()) return std::nullopt;
  const Entry& e = entries[ep->index];
  if (ep->inside) {
    if (auto at = paths(e).find(ep->rest)) return at;
    return consul::Located{{}, {e.id, 0, 0}};  // not written in the file: the file
  }
  // The entry as a whole: where it was put into its partition, else its file.
  if (!e.assigned_by.empty()) {
    if (auto at = topo.paths.find(e.assigned_by)) return at;
  }
  return consul::Located{{}, {e.id, 0, 0}};
}

const consul::PathIndex& Project::paths(const Entry& e) const {
  const Cluster* c = topo.cluster(e.at.cluster);
  const consul::Edition edition = c ? c->edition : topo.default_edition;
  const bool acl = e.kind == lint::kAclRules;
  auto [it, fresh] = paths_.try_emplace({e.id, acl, edition});
  if (fresh && sources) it->second = lint::paths_of(*sources, e.id, edition, acl);
  return it->second;
}

std::string Project::user_path(std::string_view path) const {
  const std::optional<EntryPath> ep = entry_path(path);
  if (!ep || ep->index >= entries.size()) return std::string(path);
  return ep->inside ? std::string(ep->rest) : std::string();
}

namespace {

bool has_wildcard(std::string_view g) { return g.find_first_of("*?[") != std::string_view::npos; }

// Every *.hcl / *.json under `dir`, relative, '/'-separated, sorted; hidden
// directories (.git, ...) are skipped.
std::vector<std::string> project_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (it->is_directory(ec)) {
      if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
      continue;
    }
    const std::string ext = p.extension().string();
    if (ext != ".hcl" && ext != ".json") continue;
    out.push_back(fs::relative(p, dir, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Member {
  std::string rel;  // relative to the project directory
  Ref at;
  std::string assigned_by;
  bool acl = false;        // read as ACL rules whatever the content says
  std::string policy_name;  // from a policy block or the manifest
};

std::string stem(const std::string& rel) {
  std::string s = fs::path(rel).stem().string();
  const std::size_t dot = s.find(".policy");
  if (dot != std::string::npos && dot + 7 == s.size()) s.resize(dot);
  return s;
}

// gencorpus.py's MANIFEST.json: one record per entry file with its cluster and partition.
void manifest_members(const Topology& topo, std::vector<Member>& out, diag::Sink& sink) {
  const fs::path path = fs::path(topo.dir) / "MANIFEST.json";
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return;
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const Json m = Json::parse(ss.str(), nullptr, false);
  if (m.is_discarded() || !m.contains("files") || !m["files"].is_array()) {
    sink.report(diag::make(diag::Severity::warning, "core-topology",
                           fmt::format("'{}' is not a gencorpus MANIFEST.json; ignored", path.string()), {}));
    return;
  }
  for (const Json& f : m["files"]) {
    if (!f.is_object() || !f.value("path", Json()).is_string() || !f.value("cluster", Json()).is_string()) continue;
    Member mem;
    mem.rel = f["path"].get<std::string>();
    mem.at.cluster = f["cluster"].get<std::string>();
    if (f.value("partition", Json()).is_string()) mem.at.partition = f["partition"].get<std::string>();
    if (f.value("kind", Json()) == "acl-policy") {
      mem.acl = true;
      if (f.value("name", Json()).is_string()) mem.policy_name = f["name"].get<std::string>();
    }
    out.push_back(std::move(mem));
  }
}

}  // namespace

std::optional<Project> load_project(SourceManager& sm, const std::string& project_file, const plugins::Host& host,
                                    const LoadOptions& options, diag::Sink& sink) {
  std::optional<Topology> topo = load_topology(sm, project_file, sink);
  if (!topo) return std::nullopt;
  Project project;
  project.topo = std::move(*topo);
  project.sources = &sm;
  const Topology& t = project.topo;
  const fs::path dir(t.dir);

  // Who belongs where.
  std::vector<Member> members;
  std::vector<std::string> files;
  bool listed = false;
  for (std::size_t ci = 0; ci < t.clusters.size(); ++ci) {
    const Cluster& c = t.clusters[ci];
    for (std::size_t pi = 0; pi < c.partitions.size(); ++pi) {
      const Partition& p = c.partitions[pi];
      const std::string ppath = fmt::format("clusters[{}].partitions[{}]", ci, pi);
      for (std::size_t gi = 0; gi < p.entries.size(); ++gi) {
        if (!listed) {
          files = project_files(dir);
          listed = true;
        }
        std::string g = p.entries[gi];
        while (g.substr(0, 2) == "./") g.erase(0, 2);
        std::error_code ec;
        if (!has_wildcard(g) && fs::is_directory(dir / g, ec)) g = (g.empty() || g.back() == '/' ? g : g + "/") + "**";
        const std::string where = fmt::format("{}.entries[{}]", ppath, gi);
        std::size_t hits = 0;
        for (const std::string& f : files) {
          if (!glob_match(g, f)) continue;
          if (f == "MANIFEST.json" || fs::equivalent(dir / f, fs::path(t.path), ec)) continue;
          ++hits;
          if (utf8::first_invalid(f) != std::string::npos) {
            const auto at = t.paths.find(where);
            sink.report(diag::make(diag::Severity::error, "core-topology",
                                   fmt::format("'{}' matches '{}', a file name that is not valid UTF-8",
                                               p.entries[gi], utf8::sanitize(f)),
                                   at ? at->value : SourceRange{},
                                   "Rename the file: plans, reports and the plugins' input say where each entry "
                                   "comes from in JSON, which holds UTF-8 only."));
            continue;
          }
          members.push_back({f, {c.name, p.name}, where, false, {}});
        }
        if (hits == 0) {
          const auto at = t.paths.find(where);
          sink.report(diag::make(diag::Severity::warning, "core-topology",
                                 fmt::format("'{}' matches no file", p.entries[gi]), at ? at->value : SourceRange{},
                                 "Globs are relative to the project file's directory; '**' crosses directories."));
        }
      }
      for (std::size_t di = 0; di < p.policies.size(); ++di) {
        const PolicyDecl& d = p.policies[di];
        if (d.file.empty()) continue;
        members.push_back({d.file, {c.name, p.name}, fmt::format("{}.policies[{}]", ppath, di), true, d.name});
      }
    }
  }
  manifest_members(t, members, sink);

  // A file listed twice for one partition is one entry; a policy block names it.
  std::vector<Member> unique;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;  // file, cluster, partition
  for (Member& m : members) {
    m.rel = fs::path(m.rel).lexically_normal().generic_string();
    const auto [it, fresh] = seen.try_emplace({m.rel, m.at.cluster, m.at.partition}, unique.size());
    if (fresh) {
      unique.push_back(std::move(m));
    } else if (m.acl && !m.policy_name.empty()) {
      Member& same = unique[it->second];
      same.acl = true;
      same.policy_name = m.policy_name;
      if (!m.assigned_by.empty()) same.assigned_by = m.assigned_by;
    }
  }

  // docs/limits.md: a project reads at most this many entry files
  // ($ENTRYC_MAX_PROJECT_ENTRIES lowers it, for tests and for CI budgets).
  std::size_t limit = 1'000'000;
  if (const char* env = std::getenv("ENTRYC_MAX_PROJECT_ENTRIES")) {
    char* end = nullptr;
    const unsigned long long n = std::strtoull(env, &end, 10);
    if (end != env && *end == '\0' && n > 0 && n < limit) limit = static_cast<std::size_t>(n);
  }
  if (unique.size() > limit) {
    sink.report(diag::make(diag::Severity::error, "core-limit",
                           fmt::format("the project names {} entry files; entryc reads at most {}", unique.size(), limit),
                           SourceRange{t.file, 0, 0},
                           "Split the project (one project file per group of clusters), or narrow the `entries` "
                           "globs; see docs/limits.md."));
    return std::nullopt;
  }

  // Lint each file once per edition and reading.
  struct Key {
    FileId id;
    consul::Edition edition;
    bool acl;
    bool operator<(const Key& o) const { return std::tie(id, edition, acl) < std::tie(o.id, o.edition, o.acl); }
  };
  // First the files and how often each (file, edition, reading) is needed,
  // so that an analysis used once is moved, not copied.
  struct Use {
    const Member* member;
    const Cluster* cluster;
    Key key;
  };
  std::vector<Use> uses;
  std::map<Key, std::size_t> wanted;
  // The names the file's partitions give their peers: the rules tell a peer
  // from a name no peering has (plugin option "peers").
  std::map<Key, std::set<std::string>> peers;
  std::map<std::string, FileId> ids;
  for (const Member& m : unique) {
    const Cluster* c = t.cluster(m.at.cluster);
    if (!c || !c->partition(m.at.partition)) {
      const auto at = t.paths.find(m.assigned_by);
      sink.report(diag::make(diag::Severity::error, "core-topology",
                             fmt::format("'{}' belongs to {}, which the project does not declare", m.rel, m.at.str()),
                             at ? at->value : SourceRange{t.file, 0, 0}));
      continue;
    }
    const std::string display = (dir / m.rel).lexically_normal().string();
    auto idit = ids.find(display);
    if (idit == ids.end()) {
      const std::optional<FileId> id = load::read(sm, {display, false}, sink);
      if (!id) continue;
      idit = ids.emplace(display, *id).first;
    }
    uses.push_back({&m, c, Key{idit->second, c->edition, m.acl}});
    ++wanted[uses.back().key];
    std::set<std::string>& names = peers[uses.back().key];
    for (const Peering& pr : t.peerings) {
      if (pr.acceptor == m.at) names.insert(pr.acceptor_peer_name);
      if (pr.dialer == m.at) names.insert(pr.dialer_peer_name);
    }
  }
  std::map<Key, lint::Analysis> done;
  for (const Use& use : uses) {
    const Member& m = *use.member;
    const Cluster* c = use.cluster;
    const Key key = use.key;
    auto it = done.find(key);
    if (it == done.end()) {
      lint::Options lo;
      lo.config = options.config;
      lo.config.edition = c->edition;
      if (m.acl) lo.forced_kind = lint::kAclRules;
      lo.plugin_options = Json{{"peers", peers[key]}}.dump();
      lint::Linter linter(host, lo);
      lint::Analysis a;
      diag::Collector ignore;
      linter.lint(sm, key.id, options.lint ? sink : ignore, &a);
      it = done.emplace(key, std::move(a)).first;
    }
    // The last use takes the analysis; earlier ones copy it.
    lint::Analysis a = --wanted[key] == 0 ? std::move(it->second) : it->second;
    if (wanted[key] == 0) done.erase(it);
    Entry e;
    e.file = sm.file(key.id).name();
    e.id = key.id;
    e.at = m.at;
    e.kind = a.kind;
    e.name_at = a.name_at;
    e.name = a.kind == lint::kAclRules ? (m.policy_name.empty() ? stem(m.rel) : m.policy_name) : a.name;
    if (e.kind == "mesh" && e.name.empty()) e.name = "mesh";  // Consul names the one mesh entry itself
    e.modeled = a.modeled;
    if (a.ns != "default") e.ns = a.ns;
    e.json = project.texts.keep(a.json);
    e.errors = a.errors || a.kind.empty();
    e.error_paths = std::move(a.error_paths);
    if (e.errors && e.error_paths.empty()) e.error_paths.emplace_back();  // the file as a whole
    e.assigned_by = m.assigned_by;
    e.rel = m.rel;
    if (e.kind == lint::kAclRules) e.text = sm.file(key.id).text();
    if (e.kind == lint::kAclRules && !e.json.empty()) {
      const plugins::Host::Normalized n = host.normalize(lint::kAclRules, e.json, consul::to_string(c->edition));
      if (n.status == plugins::Host::Normalized::Status::ok) e.policy = project.texts.keep(n.json);
    }
    project.entries.push_back(std::move(e));
  }
  std::stable_sort(project.entries.begin(), project.entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.at.cluster, a.at.partition, a.file) < std::tie(b.at.cluster, b.at.partition, b.file);
  });
  // Two files for one entry: writing them in file order leaves the later one.
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, const Entry*> first;
  for (const Entry& e : project.entries) {
    if (e.kind.empty() || e.name.empty()) continue;
    auto [it, fresh] = first.try_emplace({e.at.cluster, e.at.partition, e.kind, e.ns, e.name}, &e);
    if (fresh) continue;
    const bool acl = e.kind == lint::kAclRules;
    const std::string what = acl ? fmt::format("ACL policy '{}'", e.name)
                                 : fmt::format("{} '{}'", e.kind, e.ns.empty() ? e.name : e.ns + "/" + e.name);
    const SourceRange at = !acl && e.name_at.valid() ? e.name_at : SourceRange{e.id, 0, 0};
    const SourceRange earlier =
        !acl && it->second->name_at.valid() ? it->second->name_at : SourceRange{it->second->id, 0, 0};
    diag::Diagnostic d = diag::make(
        diag::Severity::warning, "core-duplicate-entry",
        fmt::format("{} in {} is also defined in {}; this file replaces it", what, e.at.str(), it->second->file),
        at,
        "Consul keeps one entry per kind and name: the plan writes the last file (in path order). Merge the two "
        "files, or delete the one that is out of date.");
    d.notes.push_back({"the other definition", earlier});
    sink.report(std::move(d));
    it->second = &e;
  }
  return project;
}

std::string project_json(const Project& p) {
  const Topology& t = p.topo;
  Json clusters = Json::array();
  for (const Cluster& c : t.clusters) {
    Json parts = Json::array();
    for (const Partition& part : c.partitions) {
      Json tokens = Json::array();
      for (const Token& tk : part.tokens) {
        tokens.push_back({{"name", tk.name},
                          {"policies", tk.policies},
                          {"service_identities", tk.service_identities},
                          {"mesh_gateway", tk.mesh_gateway}});
      }
      Json policies = Json::array();
      for (const PolicyDecl& d : part.policies) policies.push_back({{"name", d.name}, {"file", d.file}});
      parts.push_back({{"name", part.name},
                       {"namespaces", part.namespaces},
                       {"services", part.services},
                       {"entries", part.entries},
                       {"tokens", tokens},
                       {"policies", policies}});
    }
    clusters.push_back({{"name", c.name},
                        {"datacenter", c.datacenter},
                        {"region", c.region},
                        {"consul_version", c.consul_version},
                        {"edition", consul::to_string(c.edition)},
                        {"acl", {{"enabled", c.acl_enabled}, {"default_policy", c.acl_default_policy}}},
                        // How backends reach it: names of variables and files, never a token.
                        {"http",
                         {{"address", c.http.address},
                          {"token_env", c.http.token_env},
                          {"token_file", c.http.token_file},
                          {"ca_file", c.http.ca_file},
                          {"cert_file", c.http.cert_file},
                          {"key_file", c.http.key_file},
                          {"tls_server_name", c.http.tls_server_name},
                          {"tls_skip_verify", c.http.tls_skip_verify}}},
                        {"partitions", parts}});
  }
  Json peerings = Json::array();
  for (const Peering& pr : t.peerings) {
    peerings.push_back({{"id", pr.id},
                        {"acceptor", pr.acceptor.str()},
                        {"dialer", pr.dialer.str()},
                        {"acceptor_peer_name", pr.acceptor_peer_name},
                        {"dialer_peer_name", pr.dialer_peer_name}});
  }
  Json groups = Json::array();
  for (const SamenessGroup& g : t.sameness_groups) {
    Json members = Json::array();
    for (const Ref& r : g.members) members.push_back(r.str());
    groups.push_back({{"name", g.name}, {"members", members}});
  }
  std::string out = "{\"clusters\":" + clusters.dump() + ",\"peerings\":" + peerings.dump() +
                    ",\"sameness_groups\":" + groups.dump() + ",\"entries\":[";
  for (std::size_t i = 0; i < p.entries.size(); ++i) {
    const Entry& e = p.entries[i];
    if (i) out += ',';
    Json head = {{"cluster", e.at.cluster}, {"partition", e.at.partition}, {"file", e.file},
                 {"kind", e.kind},          {"name", e.name},             {"errors", e.errors},
                 {"error_paths", e.error_paths}};
    std::string h = head.dump();
    h.pop_back();  // the closing brace: entry and policy follow
    out += h;
    if (!e.policy.empty()) {
      out += ",\"policy\":";  // ACL rules: the normalized policy says it all
      out += e.policy;
    } else {
      out += ",\"entry\":";
      out += e.json.empty() ? std::string_view("null") : e.json;
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace entryc::project

namespace entryc::project {

void check_project(const Project& p, const plugins::Host& host, const lint::Config& config, diag::Sink& sink) {
  if (!host.checks("project")) return;
  const std::string json = project_json(p);
  host.check(
      "project", json, consul::to_string(p.topo.default_edition), p.topo.path,
      [&](const plugins::Plugin& plugin, const entryc_report& r) {
        const std::string rule(r.rule_id.ptr, r.rule_id.len);
        const plugins::RuleInfo* info = host.rule(rule);
        diag::Diagnostic d;
        d.severity = r.severity == ENTRYC_SEVERITY_ERROR     ? diag::Severity::error
                     : r.severity == ENTRYC_SEVERITY_WARNING ? diag::Severity::warning
                     : r.severity == ENTRYC_SEVERITY_NOTE    ? diag::Severity::note
                     : info                                  ? info->severity
                                                             : diag::Severity::error;
        d.code = info ? rule : plugin.name + "/" + rule;
        auto level = config.rules.find(d.code);
        if (level == config.rules.end()) {
          if (info && info->preset != "recommended" && config.preset != "all") return;
        } else {
          switch (level->second) {
            case lint::Level::off: return;
            case lint::Level::note: d.severity = diag::Severity::note; break;
            case lint::Level::warning: d.severity = diag::Severity::warning; break;
            case lint::Level::error: d.severity = diag::Severity::error; break;
            case lint::Level::rule_default: break;
          }
        }
        d.summary.assign(r.summary.ptr, r.summary.len);
        d.detail.assign(r.detail.ptr, r.detail.len);
        const std::string_view path(r.path.ptr, r.path.len);
        d.path = p.user_path(path);
        d.consul_text.assign(r.consul_text.ptr, r.consul_text.len);
        if (const auto at = p.locate(path)) {
          d.subject = r.target == ENTRYC_TARGET_KEY && at->key.valid() ? at->key : at->value;
          if (r.target == ENTRYC_TARGET_ENTRY && at->key.valid()) d.subject = {at->key.file, at->key.begin, at->value.end};
        } else {
          d.subject = {p.topo.file, 0, 0};
        }
        if (r.note.len) {
          SourceRange nr{};
          if (r.note_path.len) {
            if (const auto at = p.locate(std::string_view(r.note_path.ptr, r.note_path.len))) {
              nr = at->key.valid() ? at->key : at->value;
            }
          }
          d.notes.push_back({std::string(r.note.ptr, r.note.len), nr});
        }
        sink.report(std::move(d));
      },
      sink, {p.topo.file, 0, 0});
}

}  // namespace entryc::project
