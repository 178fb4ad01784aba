// Loads rule plugins (shared libraries, through Boost.DLL) and runs them.
//
// Search order: each --plugin-dir, then $ENTRYC_PLUGIN_PATH (':'-separated),
// then the installation's own lib/entryc/plugins next to the executable
// (bin/../lib/entryc/plugins, which is also the build tree's layout). The
// first plugin of a given name wins. Every *.so in those directories must be
// an entryc plugin: a foreign library, a missing entry point or a plugin
// built for another ABI version is an error naming both versions.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entryc/diagnostic.hpp"
#include "entryc/plugin_abi.h"

namespace entryc::plugins {

struct Plugin;

struct RuleInfo {
  std::string id;
  std::string summary;
  diag::Severity severity = diag::Severity::error;
  std::string preset;  // recommended | all
  std::vector<std::string> kinds;
  std::string doc;
  const Plugin* plugin = nullptr;
};

struct Plugin {
  std::string name;
  std::string version;
  std::string path;
  std::uint32_t abi_version = 0;
  bool backend = false;  // a backend (apply/snapshot), not a rules plugin
  std::vector<RuleInfo> rules;
  // The library (loaded RTLD_NODELETE: it stays mapped until exit).
  std::shared_ptr<void> library;
  const entryc_plugin* descriptor = nullptr;
};

// Which plugins Host::load() loads.
enum class Loading {
  all,        // every plugin on the search path
  rules,      // not the backends that say so in their symbol table (ENTRYC_BACKEND_MARKER_SYMBOL)
  on_demand,  // as `rules`, and a rules plugin with a manifest (ENTRYC_PLUGIN_MANIFEST_SYMBOL) only
              // when a document of one of its kinds is checked or normalized
};

// Receives the reports of one check() call.
using ReportFn = std::function<void(const Plugin&, const entryc_report&)>;

class Host {
 public:
  Host();
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // Loads the plugins on the search path (see Loading). Problems are
  // reported as core-plugin-load errors; returns false if there was any.
  // Lint needs no backend, and loading one (and libcurl with it) costs more
  // than linting a file; nor, for one file, the plugins of the other kinds.
  bool load(std::span<const std::string> plugin_dirs, diag::Sink& sink, Loading mode = Loading::all);
  // Loads one library file as load() would (true when it is skipped or left
  // to load on demand).
  bool load_file(const std::string& path, diag::Sink& sink, Loading mode = Loading::all);

  // The plugins loaded so far.
  std::span<const std::unique_ptr<Plugin>> plugins() const { return plugins_; }
  const RuleInfo* rule(std::string_view id) const;
  // The ids of the loaded plugins' rules and of those waiting to be loaded
  // on demand (from their manifests).
  std::vector<std::string> rule_ids() const;
  // Problems met loading a plugin on demand, since the last call.
  std::vector<diag::Diagnostic> take_load_problems() const;
  // A backend plugin by name ("runtime"); nullptr when none is loaded.
  const Plugin* backend(std::string_view name) const;
  std::vector<const RuleInfo*> rules() const;
  // The directories searched, in order (for `entryc plugins`).
  const std::vector<std::string>& search_path() const { return search_path_; }

  // Whether any plugin checks `kind` (loading those on demand that do).
  bool checks(std::string_view kind) const;
  // What check() hands the plugins: the document's JSON text, or its tree
  // (node_tree.hpp), which plugins of ABI 3 read in place and older ones get
  // written as text.
  struct Document {
    Document(std::string_view text) : json(text) {}    // NOLINT: implicit by design
    Document(const std::string& text) : json(text) {}  // NOLINT
    Document(const entryc_node* tree) : root(tree) {}  // NOLINT
    std::string_view json;
    const entryc_node* root = nullptr;
  };
  // Runs every plugin that checks `kind`. A plugin that fails (throws in a
  // rule) is reported as core-plugin-failure at `where`; the others still run.
  // `skip`: space-separated ids of rules the caller will drop the reports of
  // (plugins built with the SDK do not run them).
  void check(std::string_view kind, const Document& document, std::string_view edition, std::string_view name,
             const ReportFn& fn, diag::Sink& failures, SourceRange where = {}, std::string_view options = {},
             std::string_view skip = {}) const;

  // Consul's Normalize() for a document, from the plugin that offers it.
  struct Normalized {
    enum class Status { ok, unsupported, rejected, failed } status = Status::unsupported;
    std::string json;   // ok: the normalized document
    std::string error;  // rejected: Consul's message; failed: what went wrong
    const Plugin* plugin = nullptr;
  };
  Normalized normalize(std::string_view kind, std::string_view json, std::string_view edition,
                       std::string_view options = {}) const;

  // bin/../lib/entryc/plugins relative to the running executable.
  static std::string default_plugin_dir();

 private:
  // A rules plugin found with a manifest, not loaded until its kinds are needed.
  struct OnDemand {
    std::string path;
    std::vector<std::string> kinds;
    std::vector<std::string> rules;
    bool tried = false;
  };
  // Loads the plugins on demand that check `kind` (logically const: the set
  // of plugins the host offers does not change, only when they are loaded).
  void load_for(std::string_view kind) const;

  std::vector<std::unique_ptr<Plugin>> plugins_;
  mutable std::vector<OnDemand> on_demand_;
  mutable std::vector<diag::Diagnostic> load_problems_;
  std::vector<std::string> search_path_;
  // (plugin, kind) pairs the plugin does not normalize (not thread-safe).
  mutable std::set<std::pair<const Plugin*, std::string>> declined_;
};

}  // namespace entryc::plugins
