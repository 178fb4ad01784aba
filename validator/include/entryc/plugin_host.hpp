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
  // Keeps the library loaded while anything made from it is alive.
  std::shared_ptr<void> library;
  const entryc_plugin* descriptor = nullptr;
};

// Receives the reports of one check() call.
using ReportFn = std::function<void(const Plugin&, const entryc_report&)>;

class Host {
 public:
  Host();
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // Loads every plugin on the search path. Problems are reported as
  // core-plugin-load errors; returns false if there was any. Without
  // `backends`, backend plugins that say so in their symbol table
  // (ENTRYC_BACKEND_MARKER_SYMBOL) are left unloaded: lint needs none, and
  // loading one (and libcurl with it) costs more than linting a file.
  bool load(std::span<const std::string> plugin_dirs, diag::Sink& sink, bool backends = true);
  // Loads one library file (used by tests and by load()); without
  // `backends`, a marked backend is skipped (true, nothing loaded).
  bool load_file(const std::string& path, diag::Sink& sink, bool backends = true);

  std::span<const std::unique_ptr<Plugin>> plugins() const { return plugins_; }
  const RuleInfo* rule(std::string_view id) const;
  // A backend plugin by name ("runtime"); nullptr when none is loaded.
  const Plugin* backend(std::string_view name) const;
  std::vector<const RuleInfo*> rules() const;
  // The directories searched, in order (for `entryc plugins`).
  const std::vector<std::string>& search_path() const { return search_path_; }

  // Whether any loaded plugin checks `kind`.
  bool checks(std::string_view kind) const;
  // Runs every plugin that checks `kind`. A plugin that fails (throws in a
  // rule) is reported as core-plugin-failure at `where`; the others still run.
  void check(std::string_view kind, std::string_view json, std::string_view edition, std::string_view name,
             const ReportFn& fn, diag::Sink& failures, SourceRange where = {}, std::string_view options = {}) const;

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
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<std::string> search_path_;
  // (plugin, kind) pairs the plugin does not normalize (not thread-safe).
  mutable std::set<std::pair<const Plugin*, std::string>> declined_;
};

}  // namespace entryc::plugins
