#include "entryc/lint.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "entryc/document.hpp"
#include "entryc/hcl.hpp"
#include "entryc/load.hpp"
#include "entryc/suggest.hpp"
#include "entryc/utf8.hpp"
#include "suppress.hpp"

namespace entryc::lint {
namespace fs = std::filesystem;

namespace {

const char* const kAclKeys[] = {"acl",          "agent",          "agent_prefix",    "event",
                                "event_prefix", "key",            "key_prefix",      "keyring",
                                "mesh",         "node",           "node_prefix",     "operator",
                                "peering",      "query",          "query_prefix",    "service",
                                "service_prefix", "session",      "session_prefix",  "identity",
                                "identity_prefix", "namespace",   "namespace_prefix", "partition",
                                "partition_prefix"};

bool is_acl_key(std::string_view k) {
  for (const char* a : kAclKeys) {
    if (utf8::equal_fold(k, a)) return true;
  }
  return false;
}

bool has_kind_key(const generic::Node* root) {
  if (!root || root->kind != generic::Kind::map) return false;
  return root->get("Kind") || root->get("kind");
}

// Unchangeable: problems of the input itself, not findings of a rule.
bool fixed_code(std::string_view code) {
  return code == "core-syntax" || code == "core-encoding" || code == "core-io" || code == "core-limit" ||
         code.rfind("core-plugin", 0) == 0 || code == "core-suppression";
}

diag::Severity to_severity(int32_t s, diag::Severity fallback) {
  switch (s) {
    case ENTRYC_SEVERITY_ERROR: return diag::Severity::error;
    case ENTRYC_SEVERITY_WARNING: return diag::Severity::warning;
    case ENTRYC_SEVERITY_NOTE: return diag::Severity::note;
    default: return fallback;
  }
}

std::string str(entryc_str s) { return std::string(s.ptr ? s.ptr : "", s.len); }

bool under(std::string_view path, const std::vector<std::string>& failed) {
  for (const std::string& f : failed) {
    if (path.substr(0, f.size()) == f && (path.size() == f.size() || path[f.size()] == '.' || path[f.size()] == '[')) {
      return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<CoreCode>& core_codes() {
  static const std::vector<CoreCode> c = {
      {"core-syntax", diag::Severity::error, "the file is not valid HCL v1 or JSON"},
      {"core-encoding", diag::Severity::error, "invalid UTF-8, a NUL byte or a byte order mark"},
      {"core-decode", diag::Severity::error, "HashiCorp's decoder rejects a value (integer overflow, mixed types)"},
      {"core-limit", diag::Severity::error, "an input beyond entryc's limits (docs/limits.md)"},
      {"core-io", diag::Severity::error, "a path that cannot be read"},
      {"core-empty", diag::Severity::note, "the file has no content"},
      {"core-missing-kind", diag::Severity::error, "a config entry without 'Kind'"},
      {"core-unknown-kind", diag::Severity::error, "an unknown config entry kind"},
      {"core-kind-not-checked", diag::Severity::note, "a config entry kind entryc does not check"},
      {"core-unknown-document", diag::Severity::error, "a file that is neither a config entry nor ACL rules"},
      {"core-unknown-field", diag::Severity::error, "a field Consul does not know (invalid config key)"},
      {"core-enterprise-field", diag::Severity::error, "a Consul Enterprise field in a CE config entry"},
      {"core-wrong-type", diag::Severity::error, "a value of the wrong type for its field"},
      {"core-alias-ignored", diag::Severity::warning, "an alias key Consul drops because the canonical key is set"},
      {"core-plugin-load", diag::Severity::error, "a plugin that cannot be loaded"},
      {"core-plugin-failure", diag::Severity::error, "a plugin that failed while checking a file"},
      {"core-suppression", diag::Severity::error, "an entryc-ignore comment without a reason or rule"},
      {"core-suppression-unused", diag::Severity::warning, "an entryc-ignore comment that suppresses nothing"},
      {"hcl-swallowed-error", diag::Severity::warning, "a syntax error HCL v1 ignores"},
      {"hcl-dangling-assign", diag::Severity::warning, "'key =' at the end of the file, dropped by HCL v1"},
      {"hcl-multiline-block-header", diag::Severity::warning, "a block header continued on the next line"},
      {"hcl-duplicate-attribute", diag::Severity::warning, "an attribute set twice in one block"},
      {"json-lenient", diag::Severity::warning, "JSON only HCL v1's lenient JSON parser accepts"},
      {"core-topology", diag::Severity::error, "a problem in the project file (clusters, partitions, peerings)"},
      {"core-duplicate-entry", diag::Severity::warning, "two files define the same entry in one partition"},
      {"core-state", diag::Severity::error, "a state snapshot that cannot be read"},
  };
  return c;
}

Linter::Linter(const plugins::Host& host, Options options) : host_(host), opts_(std::move(options)) {
  known_codes_ = host_.rule_ids();
  for (const CoreCode& c : core_codes()) known_codes_.emplace_back(c.code);
}

bool Linter::enabled(const std::string& code, diag::Severity& sev) const {
  if (fixed_code(code)) return true;
  auto it = opts_.config.rules.find(code);
  Level level = it == opts_.config.rules.end() ? Level::rule_default : it->second;
  if (level == Level::rule_default) {
    if (const plugins::RuleInfo* r = host_.rule(code)) {
      if (r->preset != "recommended" && opts_.config.preset != "all") return false;
    }
    return true;
  }
  switch (level) {
    case Level::off: return false;
    case Level::note: sev = diag::Severity::note; break;
    case Level::warning: sev = diag::Severity::warning; break;
    case Level::error: sev = diag::Severity::error; break;
    case Level::rule_default: break;
  }
  return true;
}

const std::string& Linter::skipped() const {
  if (skipped_plugins_ == host_.plugins().size()) return skipped_;
  skipped_plugins_ = host_.plugins().size();
  skipped_.clear();
  for (const plugins::RuleInfo* r : host_.rules()) {
    diag::Severity sev = r->severity;
    if (enabled(r->id, sev)) continue;
    if (!skipped_.empty()) skipped_ += ' ';
    skipped_ += r->id;
  }
  return skipped_;
}

namespace {

// Whether a file's name says it holds ACL rules (docs/lint.md).
bool acl_by_name(const std::string& name) {
  const std::string base = fs::path(name).filename().string();
  const std::string parent = fs::path(name).parent_path().filename().string();
  return base.find(".policy.") != std::string::npos || base.find("acl") != std::string::npos || parent == "acl" ||
         parent == "policies";
}

// What a parsed file is: a config entry (it has Kind), ACL rules (it has rule
// types at the top, or its name says so), or, by default, a config entry.
std::string kind_of(const generic::Node* root, const std::string& name) {
  if (has_kind_key(root)) return "config-entry";
  if (root && root->kind == generic::Kind::map) {
    for (const generic::Entry& e : root->entries()) {
      if (is_acl_key(e.key)) return kAclRules;
    }
  }
  return acl_by_name(name) ? kAclRules : "config-entry";
}

}  // namespace

std::string Linter::detect_kind(const SourceManager& sm, FileId file) const {
  if (!opts_.forced_kind.empty()) return opts_.forced_kind;
  diag::Collector ignore;
  ReadOptions ro;
  ro.reader = Reader::hcl;
  ro.check_duplicates = false;
  ParsedDocument pd = read_document(sm, file, ignore, ro);
  return kind_of(pd.tree.root, sm.file(file).name());
}

namespace {

// A file read the way lint reads it: parsed like `consul config write` does,
// its kind decided, ACL rules in JSON re-read with HCL v1's lenient parser.
struct Read {
  ParsedDocument pd;
  std::string kind;  // a forced kind, "config-entry" or kAclRules
  bool acl = false;
};

Read read_for_lint(const SourceManager& sm, FileId file, const std::string& forced_kind, diag::Collector& local) {
  const SourceFile& sf = sm.file(file);
  const bool json = ast::looks_like_json(sf.text());
  Read r;
  // HCL v1's own parser, lenient with JSON: how Consul reads ACL rules.
  auto lenient = [&](diag::Collector& problems) {
    ReadOptions o;
    o.reader = Reader::hcl;
    return read_document(sm, file, problems, o);
  };
  // ACL rules in JSON: the lenient reading, with its problems.
  auto take_acl = [&](ParsedDocument pd, diag::Collector& problems) {
    r.pd = std::move(pd);
    r.kind = kAclRules;
    r.acl = true;
    local.clear();
    for (diag::Diagnostic& d : problems.diagnostics()) local.report(std::move(d));
  };
  if (json && (forced_kind == kAclRules || (forced_kind.empty() && acl_by_name(sf.name())))) {
    // Named (or forced) as ACL rules: read leniently first, and once only,
    // unless it turns out to be a config entry after all.
    diag::Collector problems;
    ParsedDocument pd = lenient(problems);
    if (forced_kind == kAclRules || (pd.tree.root && !has_kind_key(pd.tree.root))) {
      take_acl(std::move(pd), problems);
      return r;
    }
  }
  ReadOptions ro;
  ro.reader = Reader::consul;
  ro.check_duplicates = false;
  r.pd = read_document(sm, file, local, ro);
  r.kind = forced_kind;
  if (r.kind.empty()) {
    if (r.pd.tree.root) {
      r.kind = kind_of(r.pd.tree.root, sf.name());
    } else if (json) {
      // Strict JSON failed: HCL v1's own JSON parser may still read ACL rules.
      diag::Collector problems;
      ParsedDocument alt = lenient(problems);
      if (alt.tree.root && kind_of(alt.tree.root, sf.name()) == kAclRules) {
        take_acl(std::move(alt), problems);
        return r;
      }
      r.kind = "config-entry";
    } else {
      r.kind = "config-entry";
    }
  }
  r.acl = r.kind == kAclRules;
  if (r.acl && json) {
    diag::Collector problems;
    take_acl(lenient(problems), problems);
  }
  return r;
}

}  // namespace

consul::PathIndex paths_of(const SourceManager& sm, FileId file, consul::Edition edition, bool acl) {
  diag::Collector ignore;
  Read r = read_for_lint(sm, file, acl ? kAclRules : "", ignore);
  if (!r.pd.accepted() || !r.pd.tree.root) return {};
  if (!r.acl) {
    const std::string assumed = r.kind == "config-entry" ? std::string() : r.kind;
    consul::DecodeResult dr =
        consul::decode_config_entry(r.pd.doc, r.pd.tree, edition, consul::Side::cli, ignore, assumed, false);
    if (dr.entry && dr.entry->checked_kind) return std::move(dr.entry->paths);
  }
  return consul::index_generic(r.pd.doc, r.pd.tree.root);
}

void Linter::lint(SourceManager& sm, FileId file, diag::Sink& out, Analysis* analysis) const {
  const SourceFile& sf = sm.file(file);
  const bool json = ast::looks_like_json(sf.text());
  // One parse the way `consul config write` reads files; ACL rules differ
  // only for JSON (HashiCorp's lenient JSON parser), then they are re-read.
  diag::Collector local;
  Read read = read_for_lint(sm, file, opts_.forced_kind, local);
  ParsedDocument& pd = read.pd;
  const std::string& kind = read.kind;
  const bool acl = read.acl;
  if (pd.accepted()) {
    // ACL rules in HCL reject repeated attributes; config entries (and JSON,
    // where Consul's decoders keep the last value) get a warning.
    const bool reject = acl && !json;
    const std::string dup =
        hcl::check_duplicates(pd.doc, sf, local, reject ? diag::Severity::error : diag::Severity::warning);
    if (reject && !dup.empty()) pd.reference_error = dup;
  }
  const std::string_view edition = consul::to_string(opts_.config.edition);

  static const std::vector<std::string> kNone;
  // `index()` gives the document's PathIndex; only reports need it.
  auto emit_plugin_report = [&](auto index, const std::vector<std::string>& failed,
                                const std::vector<std::string>& incomplete, const consul::DecodedEntry* entry) {
    // `entry`: a config entry, whose Consul messages come wrapped in the API's error.
    return [&, index, entry](const plugins::Plugin& plugin, const entryc_report& r) {
      const std::string rule = str(r.rule_id);
      const plugins::RuleInfo* info = host_.rule(rule);
      const std::string path = str(r.path);
      if (under(path, failed)) return;
      diag::Diagnostic d;
      d.severity = to_severity(r.severity, info ? info->severity : diag::Severity::error);
      if (d.severity != diag::Severity::error && under(path, incomplete)) return;
      d.code = info ? rule : fmt::format("{}/{}", plugin.name, rule);
      // Off in this configuration (an `all` rule under `recommended`), from a
      // plugin that ran it anyway (one built before `skip`): dropped here,
      // before its paths are looked up, rather than with the others below.
      diag::Severity configured = d.severity;
      if (!enabled(d.code, configured)) return;
      const consul::PathIndex& paths = index();
      d.summary = str(r.summary);
      d.detail = str(r.detail);
      d.path = path;
      if (const auto at = paths.find(path)) {
        if (r.target == ENTRYC_TARGET_KEY && at->key.valid()) {
          d.subject = at->key;
        } else if (r.target == ENTRYC_TARGET_ENTRY && at->key.valid()) {
          d.subject = {at->key.file, at->key.begin, at->value.end};
        } else {
          d.subject = at->value;
        }
      } else {
        d.subject = {file, 0, 0};
      }
      const std::string ct = str(r.consul_text);
      if (!ct.empty()) {
        d.consul_text = entry ? fmt::format("Error writing config entry {}/{}: Unexpected response code: 500 ({})",
                                            entry->kind, entry->name, ct)
                              : ct;
      }
      const std::string note = str(r.note);
      if (!note.empty()) {
        SourceRange nr{};
        if (r.note_path.len) {
          if (const auto at = paths.find(str(r.note_path))) nr = at->key.valid() ? at->key : at->value;
        }
        d.notes.push_back({note, nr});
      }
      local.report(std::move(d));
    };
  };

  Analysis scratch;
  Analysis& a = analysis ? *analysis : scratch;
  a = Analysis{};
  if (pd.accepted() && pd.tree.root) {
    if (acl) {
      a.kind = kAclRules;
      if (analysis) generic::write_json(pd.tree.root, a.json, false, generic::KeyOrder::as_written);
      if (host_.checks(kAclRules)) {
        // Indexed on the first report: a clean file never needs it.
        std::optional<consul::PathIndex> paths;
        auto index = [&]() -> const consul::PathIndex& {
          if (!paths) paths = consul::index_generic(pd.doc, pd.tree.root);
          return *paths;
        };
        // The tree in place, unless it has what only text can say (then
        // plugins read the text as they would have).
        std::string text;
        const plugins::Host::Document document =
            plugins::document_of(pd.tree.root, tree_, text, utf8::strings_valid(sf.text()));
        host_.check(kAclRules, document, edition, sf.name(), emit_plugin_report(index, kNone, kNone, nullptr), local,
                    {file, 0, 0}, opts_.plugin_options, skipped());
      }
    } else {
      const std::string assumed = kind == "config-entry" ? std::string() : kind;
      consul::DecodeResult dr = consul::decode_config_entry(pd.doc, pd.tree, opts_.config.edition, consul::Side::cli,
                                                            local, assumed, analysis != nullptr);
      if (dr.entry && dr.entry->checked_kind && host_.checks(dr.entry->kind)) {
        const consul::DecodedEntry& e = *dr.entry;
        auto index = [&e]() -> const consul::PathIndex& { return e.paths; };
        std::string text;
        const plugins::Host::Document document =
            plugins::document_of(e.tree.root, tree_, text, utf8::strings_valid(sf.text()));
        host_.check(e.kind, document, edition, sf.name(), emit_plugin_report(index, e.failed, e.incomplete, &e), local,
                    {file, 0, 0}, opts_.plugin_options, skipped());
      }
      if (dr.entry && analysis) {
        a.kind = dr.entry->kind;
        a.name = dr.entry->name;
        a.ns = dr.entry->ns;
        a.modeled = dr.entry->checked_kind;
        if (a.modeled) {
          a.json = std::move(dr.entry->json);
          if (const auto at = dr.entry->paths.find_exact("Name")) a.name_at = at->value;
        } else {
          // A kind entryc does not model travels as written.
          for (const generic::Entry& e : pd.tree.root->entries()) {
            if (utf8::ascii_lower(e.key) == "name" && e.value && e.value->kind == generic::Kind::string) {
              a.name = std::string(e.value->str());
              // Where "Name" itself is written (as the index of the written keys had it).
              if (e.key == "Name" && e.value->origin) a.name_at = pd.doc.range(*e.value->origin);
            }
          }
          generic::write_json(pd.tree.root, a.json, false, generic::KeyOrder::as_written);
        }
      }
    }
  }

  // Severities from the configuration, then entryc-ignore comments.
  std::vector<diag::Diagnostic> kept;
  for (diag::Diagnostic& d : local.diagnostics()) {
    diag::Severity sev = d.severity;
    if (!enabled(d.code, sev)) continue;
    d.severity = sev;
    kept.push_back(std::move(d));
  }
  apply_suppressions(pd.doc, sf, known_codes_, kept);
  std::stable_sort(kept.begin(), kept.end(),
                   [](const diag::Diagnostic& x, const diag::Diagnostic& y) { return x.subject.begin < y.subject.begin; });
  for (diag::Diagnostic& d : kept) {
    if (d.severity == diag::Severity::error) {
      a.errors = true;
      a.error_paths.push_back(d.path);
    }
    out.report(std::move(d));
  }
}

}  // namespace entryc::lint
