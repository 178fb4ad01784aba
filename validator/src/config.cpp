// .entryc.hcl: the project's lint configuration.
//
//   edition = "ce"              # or "ent"
//   preset  = "recommended"     # or "all"
//   exclude = ["vendor/**"]
//   rules {
//     exports-namespace-ce = "off"   # off | note | warning | error
//   }
#include <filesystem>

#include <fmt/format.h>

#include "entryc/document.hpp"
#include "entryc/lint.hpp"
#include "entryc/load.hpp"
#include "entryc/suggest.hpp"

namespace entryc::lint {
namespace fs = std::filesystem;

namespace {

// A block written once is a list of one map: look through it. Never null.
const generic::Node* unwrap(const generic::Node* n) {
  static const generic::Node kNull{};
  if (!n) return &kNull;
  if (n->kind == generic::Kind::list && n->of_maps && n->size == 1) return n->items()[0];
  return n;
}

}  // namespace

Config load_config(SourceManager& sm, const std::string& explicit_path, const std::string& start_dir,
                   diag::Sink& sink, bool& ok) {
  Config cfg;
  ok = true;
  std::string path = explicit_path;
  if (path.empty()) {
    std::error_code ec;
    fs::path dir = fs::absolute(start_dir.empty() ? fs::path(".") : fs::path(start_dir), ec);
    for (; !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / ".entryc.hcl", ec)) {
        path = (dir / ".entryc.hcl").string();
        break;
      }
      if (dir == dir.root_path()) break;
    }
    if (path.empty()) return cfg;
  }
  const std::optional<FileId> id = load::read(sm, {path, false}, sink);
  if (!id) {
    ok = false;
    return cfg;
  }
  cfg.path = path;
  diag::Collector local;
  ParsedDocument pd = read_document(sm, *id, local);
  auto bad = [&](const generic::Node* n, const ast::Key* k, std::string summary, std::string detail = {}) {
    SourceRange r = k ? pd.doc.range(*k) : (n && n->origin ? pd.doc.range(*n->origin) : SourceRange{*id, 0, 0});
    local.report(diag::make(diag::Severity::error, "core-config", std::move(summary), r, std::move(detail)));
  };
  if (pd.accepted() && pd.tree.root) {
    static const std::vector<std::string_view> kKeys = {"edition", "preset", "exclude", "rules"};
    for (const generic::Entry& e : pd.tree.root->entries()) {
      const generic::Node* v = unwrap(e.value);
      if (e.key == "edition") {
        if (v->kind == generic::Kind::string && (v->str() == "ce" || v->str() == "ent")) {
          cfg.edition = v->str() == "ce" ? consul::Edition::ce : consul::Edition::ent;
        } else {
          bad(v, nullptr, "edition must be \"ce\" or \"ent\"");
        }
      } else if (e.key == "preset") {
        if (v->kind == generic::Kind::string && (v->str() == "recommended" || v->str() == "all")) {
          cfg.preset = std::string(v->str());
        } else {
          bad(v, nullptr, "preset must be \"recommended\" or \"all\"");
        }
      } else if (e.key == "exclude") {
        if (v->kind != generic::Kind::list) {
          bad(v, nullptr, "exclude must be a list of globs");
          continue;
        }
        for (const generic::Node* g : v->items()) {
          if (g->kind == generic::Kind::string) cfg.exclude.emplace_back(g->str());
          else bad(g, nullptr, "exclude must be a list of globs");
        }
      } else if (e.key == "rules") {
        if (v->kind != generic::Kind::map) {
          bad(v, e.origin_key, "rules must be a block: rules { rule-id = \"off\" }");
          continue;
        }
        for (const generic::Entry& r : v->entries()) {
          const generic::Node* lv = unwrap(r.value);
          Level level = Level::rule_default;
          const std::string_view s = lv->kind == generic::Kind::string ? lv->str() : std::string_view{};
          if (s == "off") level = Level::off;
          else if (s == "note") level = Level::note;
          else if (s == "warning") level = Level::warning;
          else if (s == "error") level = Level::error;
          else {
            bad(lv, nullptr, fmt::format("level for '{}' must be \"off\", \"note\", \"warning\" or \"error\"", r.key));
            continue;
          }
          cfg.rules[std::string(r.key)] = level;
        }
      } else {
        std::string summary = fmt::format("unknown setting '{}'", e.key);
        if (auto m = suggest(e.key, kKeys)) summary += fmt::format("; did you mean '{}'?", *m);
        bad(e.value, e.origin_key, std::move(summary), "Settings: edition, preset, exclude, rules.");
      }
    }
  }
  for (diag::Diagnostic& d : local.diagnostics()) {
    if (d.severity == diag::Severity::error) ok = false;
    sink.report(std::move(d));
  }
  return cfg;
}

}  // namespace entryc::lint
