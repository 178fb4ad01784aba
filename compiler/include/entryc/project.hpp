// The project: a topology file (clusters, partitions, peerings, sameness
// groups, ACL tokens) and the entry files that belong to each
// cluster/partition. docs/project-file.md describes the file; it reads the
// topology.hcl that ../shared/bench/gencorpus.py writes as it is.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/consul_decode.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/lint.hpp"
#include "entryc/plugin_host.hpp"
#include "entryc/source.hpp"

namespace entryc::project {

// A cluster/partition pair ("dc1/default"; "dc1" alone means its default partition).
struct Ref {
  std::string cluster;
  std::string partition = "default";
  std::string str() const { return cluster + "/" + partition; }
  friend bool operator==(const Ref&, const Ref&) = default;
};

struct Token {
  std::string name;  // the service (or gateway) the token belongs to
  std::vector<std::string> policies;
  std::vector<std::string> service_identities;
  bool mesh_gateway = false;
};

// An ACL policy: its rules come from a file (ACL rules, HCL or JSON).
struct PolicyDecl {
  std::string name;
  std::string file;  // as written, relative to the project file
};

struct Partition {
  std::string name;
  std::vector<std::string> namespaces;
  std::vector<std::string> services;
  std::vector<std::string> entries;  // globs, relative to the project file
  std::vector<Token> tokens;
  std::vector<PolicyDecl> policies;
};

struct Http {
  std::string address;          // https://consul.example:8501
  std::string token_env;        // the environment variable holding the ACL token (never the token)
  std::string token_file;       // or a file holding it
  std::string ca_file;
  std::string cert_file;        // a client certificate (PEM), for agents that verify clients
  std::string key_file;         // and its key
  std::string tls_server_name;
  bool tls_skip_verify = false;
};

struct Cluster {
  std::string name;
  std::string datacenter;      // defaults to the name
  std::string region;
  std::string consul_version;  // "1.17.1"; empty when not declared
  consul::Edition edition = consul::Edition::ce;
  bool acl_enabled = false;
  std::string acl_default_policy = "allow";  // allow | deny
  Http http;
  std::vector<Partition> partitions;  // "default" always first
  const Partition* partition(std::string_view name) const;
};

struct Peering {
  std::string id;
  Ref acceptor;  // generates the token
  Ref dialer;    // establishes with it
  std::string acceptor_peer_name;  // the name the acceptor's entries use for the dialer
  std::string dialer_peer_name;    // the name the dialer's entries use for the acceptor
};

struct SamenessGroup {
  std::string name;
  std::vector<Ref> members;
};

struct Topology {
  FileId file = kNoFile;
  std::string path;  // the project file
  std::string dir;   // its directory (globs and policy files are relative to it)
  consul::Edition default_edition = consul::Edition::ce;
  std::vector<Cluster> clusters;
  std::vector<Peering> peerings;
  std::vector<SamenessGroup> sameness_groups;
  // Paths of the project document (clusters[0].partitions[1].services[2],
  // peerings[3].dialer_peer_name, ...) to where they are written.
  consul::PathIndex paths;

  const Cluster* cluster(std::string_view name) const;
};

// Reads a project file. Every problem is a diagnostic with a position;
// nullopt when the file could not be read or parsed at all.
std::optional<Topology> load_topology(SourceManager& sm, const std::string& path, diag::Sink& sink);

// The project file to use when none is given: entryc.hcl, or topology.hcl
// (gencorpus), in `dir` or the nearest parent. Empty when there is none.
std::string find_project_file(const std::string& dir);

// One file of the project in one cluster/partition (a file listed for two
// partitions is two entries).
struct Entry {
  std::string file;  // as shown in diagnostics
  FileId id = kNoFile;
  Ref at;
  std::string kind;  // a config entry kind, or lint::kAclRules
  std::string name;  // the entry's Name, or the ACL policy's name
  SourceRange name_at;  // where a config entry's Name is written
  std::string ns;    // the entry's Namespace when it is not "default" (Enterprise)
  bool modeled = false;
  std::string_view json;  // lint::Analysis::json, kept in Project::texts
  std::vector<std::string> error_paths;  // lint::Analysis::error_paths
  bool errors = false;
  std::string assigned_by;  // topology path of the glob or policy that put it here ("" for MANIFEST.json)
  std::string_view policy;  // ACL rules: the normalized policy (acl-rules plugin), JSON, in Project::texts; may be empty
  std::string_view text;    // ACL rules: the file's text (a policy's Rules), kept by the SourceManager
  std::string rel;          // the file relative to the project file's directory
};

struct Project {
  Topology topo;
  std::vector<Entry> entries;

  // Where a path of the project document (project_json) is written: in the
  // topology, or in an entry's file (entries[3].entry.Sources[0].Peer).
  std::optional<consul::Located> locate(std::string_view path) const;
  // How a report shows that path: in an entry, the entry's own path
  // (Sources[0].Peer; "" for the entry as a whole, its file says it);
  // in the topology, the path as it is.
  std::string user_path(std::string_view path) const;
  // Where each path of an entry's json is written; built when first asked
  // (for the few entries a diagnostic points into), not kept for all.
  const consul::PathIndex& paths(const Entry& e) const;

  const SourceManager* sources = nullptr;  // the files the entries were read from
  TextStore texts;                         // the entries' json and policy

 private:
  mutable std::map<std::tuple<FileId, bool, consul::Edition>, consul::PathIndex> paths_;
};

struct LoadOptions {
  lint::Config config;  // presets and rule levels; the edition comes from each cluster
  bool lint = true;     // lint every member file (findings go to the sink)
};

// Reads the project file and every entry file that belongs to a cluster:
// the `entries` globs and `policy` files of each partition, and, for a
// gencorpus corpus, its MANIFEST.json. Lints each file with its cluster's
// edition. nullopt when the project file itself cannot be read.
std::optional<Project> load_project(SourceManager& sm, const std::string& project_file, const plugins::Host& host,
                                    const LoadOptions& options, diag::Sink& sink);

// Runs the project-wide rules (plugins that check the "project" kind) over
// project_json(); findings point into the topology or the entry files.
// Rule levels and the preset come from `config` (.entryc.hcl).
void check_project(const Project& p, const plugins::Host& host, const lint::Config& config, diag::Sink& sink);

// The whole project as one JSON document, for project-wide rules (the
// peering-policy plugin): clusters, peerings, sameness_groups and entries
// (each with its cluster, partition, kind, name, file and `entry`).
std::string project_json(const Project& p);

// Whether `path` (relative, '/'-separated) matches `glob`: `*` and `?` within
// a path segment, `**` across segments, `[...]` classes.
bool glob_match(std::string_view glob, std::string_view path);

}  // namespace entryc::project
