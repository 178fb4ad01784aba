// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/).
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "entryc/render.hpp"
#include "report.hpp"

namespace entryc::render {
namespace {

using Json = nlohmann::ordered_json;

const char* level(diag::Severity s) {
  switch (s) {
    case diag::Severity::error: return "error";
    case diag::Severity::warning: return "warning";
    case diag::Severity::note: return "note";
  }
  return "none";
}

// The first paragraph of a rule's Markdown doc (after its title).
std::string first_paragraph(std::string_view doc) {
  std::string out;
  while (!doc.empty()) {
    const std::size_t nl = doc.find('\n');
    const std::string_view line = doc.substr(0, nl);
    doc = nl == std::string_view::npos ? std::string_view() : doc.substr(nl + 1);
    if (line.empty() || line[0] == '#') {
      if (!out.empty()) break;
      continue;
    }
    if (!out.empty()) out.push_back(' ');
    out += line;
  }
  return out;
}

// SARIF wants a friendly name that differs from the id: exports-wildcard-peer
// is ExportsWildcardPeer.
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    if (c == '-' || c == '_' || c == '.') {
      upper = true;
    } else {
      out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
      upper = false;
    }
  }
  return out;
}

Json rule_json(const std::string& id, const RuleMeta* meta) {
  const std::string summary = meta && !meta->summary.empty() ? meta->summary : id;
  Json r = {{"id", id}, {"name", pascal_case(id)}, {"shortDescription", {{"text", summary}}}};
  const std::string full = meta ? first_paragraph(meta->help) : std::string();
  r["fullDescription"] = {{"text", full.empty() ? summary : full}};
  if (meta && !meta->help.empty()) r["help"] = {{"text", meta->help}, {"markdown", meta->help}};
  r["defaultConfiguration"] = {{"level", level(meta ? meta->severity : diag::Severity::error)}};
  if (meta && !meta->help_uri.empty()) r["helpUri"] = meta->help_uri;
  return r;
}

Json location(const SourceManager& sm, const SourceRange& range, const Options& o) {
  const report::Where w = report::where(sm, range, o);
  Json artifact;
  if (w.path.empty() || w.path[0] != '/') {
    artifact = {{"uri", report::uri_path(w.path)}, {"uriBaseId", "%SRCROOT%"}};
  } else {
    artifact = {{"uri", "file://" + report::uri_path(w.path)}};
  }
  Json region = {{"startLine", w.begin.line}, {"startColumn", w.begin.column}};
  if (w.end.line > w.begin.line || w.end.column > w.begin.column) {
    region["endLine"] = w.end.line;
    region["endColumn"] = w.end.column;
  }
  return {{"physicalLocation", {{"artifactLocation", artifact}, {"region", region}}}};
}

}  // namespace

std::string sarif(const SourceManager& sm, std::span<const diag::Diagnostic> ds, std::span<const RuleMeta> rules,
                  const std::string& tool_version, const Options& o) {
  std::map<std::string, std::size_t> index;  // rules that fired, in order of first finding
  Json rule_list = Json::array();
  auto rule_index = [&](const std::string& id) -> std::size_t {
    if (auto it = index.find(id); it != index.end()) return it->second;
    const RuleMeta* meta = nullptr;
    for (const RuleMeta& r : rules) {
      if (r.id == id) meta = &r;
    }
    rule_list.push_back(rule_json(id, meta));
    return index[id] = rule_list.size() - 1;
  };
  Json results = Json::array();
  report::Fingerprints fp;
  for (const diag::Diagnostic& d : ds) {
    const std::string id = d.code.empty() ? "entryc" : d.code;
    Json res = {{"ruleId", id}, {"ruleIndex", rule_index(id)}, {"level", level(d.severity)}};
    const std::string text = report::message(d, o);
    res["message"] = {{"text", d.detail.empty() ? text : text + ". " + d.detail}};
    if (d.subject.valid()) res["locations"] = Json::array({location(sm, d.subject, o)});
    res["partialFingerprints"] = {{"primaryLocationLineHash", fp.next(sm, d, o)}};
    results.push_back(std::move(res));
  }
  Json run = {{"tool",
               {{"driver",
                 {{"name", "entryc"},
                  {"version", tool_version},
                  {"informationUri", "https://github.com/entryc/entryc"},
                  {"rules", rule_list}}}}}};
  if (!o.source_root.empty()) {
    std::string root = o.source_root;
    if (root.back() != '/') root.push_back('/');
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + report::uri_path(root)}}}};
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace entryc::render
