// `entryc lint`: everything Consul would reject in a file, and what it
// silently ignores, with positions. Parse -> decode like Consul -> rule
// plugins -> severities and suppressions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "entryc/consul_decode.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/node_tree.hpp"
#include "entryc/plugin_host.hpp"
#include "entryc/source.hpp"

namespace entryc::lint {

// What a rule's diagnostics become: its own severity, another one, or nothing.
enum class Level { off, note, warning, error, rule_default };

struct Config {
  consul::Edition edition = consul::Edition::ce;
  std::string preset = "recommended";      // recommended | all
  std::map<std::string, Level> rules;      // rule id (or core code) -> level
  std::vector<std::string> exclude;        // globs
  std::string path;                        // where the config came from (empty: defaults)
};

// Reads `.entryc.hcl`: the file at `explicit_path`, or the first one found
// walking up from `start_dir`. Problems are diagnostics with positions.
Config load_config(SourceManager& sm, const std::string& explicit_path, const std::string& start_dir,
                   diag::Sink& sink, bool& ok);

// Document kinds lint knows.
inline constexpr const char* kAclRules = "acl-rules";

struct Options {
  Config config;
  std::string forced_kind;  // "", "exported-services", "service-intentions", "acl-rules"
  // What the rule plugins get as the document's options: a JSON object
  // ({"peers": [...]} for the files of a project), or "" for none.
  std::string plugin_options;
};

// What lint learned about one file, for the project compiler.
struct Analysis {
  std::string kind;   // a config entry kind, kAclRules, or "" when the file could not be read as either
  std::string name;   // a config entry's Name
  SourceRange name_at;  // where the Name is written (the file when it is not)
  std::string ns;     // a config entry's Namespace (Enterprise), as written
  bool modeled = false;  // a kind whose fields entryc decodes like Consul (json is in the API's shape)
  std::string json;   // the entry in the API's shape, or the document as written (ACL rules, other kinds)
  bool errors = false;      // lint reported an error for the file
  std::vector<std::string> error_paths;  // where: the path of each error ("" when it has none)
};

// Where each path of Analysis::json is written in `file` (lint's reading,
// without the plugins). Recomputed on demand: kept for every file of a large
// project, the indexes would outweigh the files.
consul::PathIndex paths_of(const SourceManager& sm, FileId file, consul::Edition edition, bool acl);

class Linter {
 public:
  Linter(const plugins::Host& host, Options options);

  // Lints one file; every finding goes to `sink` (already filtered by the
  // configuration and by entryc-ignore comments). `analysis`, when given,
  // receives the decoded document.
  void lint(SourceManager& sm, FileId file, diag::Sink& sink, Analysis* analysis = nullptr) const;

  // What a file is, decided from its content and name.
  std::string detect_kind(const SourceManager& sm, FileId file) const;

 private:
  bool enabled(const std::string& code, diag::Severity& sev) const;
  // The loaded rules this configuration turns off, space-separated, for
  // Host::check: plugins need not run them.
  const std::string& skipped() const;

  const plugins::Host& host_;
  Options opts_;
  std::vector<std::string> known_codes_;  // every rule id and core code (for entryc-ignore)
  mutable std::string skipped_;
  mutable plugins::NodeTree tree_;           // the document handed to plugins (reused from file to file)
  mutable std::size_t skipped_plugins_ = 0;  // plugins loaded when skipped_ was made (they load on demand)
};

// Codes lint reports itself (parser, decoder, host), for `entryc rules`.
struct CoreCode {
  const char* code;
  diag::Severity severity;
  const char* summary;
};
const std::vector<CoreCode>& core_codes();

}  // namespace entryc::lint
