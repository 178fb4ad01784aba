// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/).
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "entryc/render.hpp"

namespace entryc::render {
namespace {

const char* level(diag::Severity s) {
  switch (s) {
    case diag::Severity::error: return "error";
    case diag::Severity::warning: return "warning";
    case diag::Severity::note: return "note";
  }
  return "none";
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::string trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string sarif(const SourceManager& sm, std::span<const diag::Diagnostic> ds, std::span<const RuleMeta> rules,
                  const std::string& tool_version, const Options& o) {
  using Json = nlohmann::ordered_json;
  std::map<std::string, std::size_t> index;
  Json rule_list = Json::array();
  auto rule_index = [&](const std::string& id) -> std::size_t {
    auto it = index.find(id);
    if (it != index.end()) return it->second;
    const RuleMeta* meta = nullptr;
    for (const RuleMeta& r : rules) {
      if (r.id == id) meta = &r;
    }
    Json r = {{"id", id}, {"name", id}};
    r["shortDescription"] = {{"text", meta && !meta->summary.empty() ? meta->summary : id}};
    if (meta && !meta->help.empty()) {
      r["fullDescription"] = {{"text", meta->summary}};
      r["help"] = {{"text", meta->help}, {"markdown", meta->help}};
    }
    r["defaultConfiguration"] = {{"level", level(meta ? meta->severity : diag::Severity::error)}};
    r["helpUri"] = fmt::format("https://github.com/entryc/entryc/blob/main/docs/rules/{}.md", id);
    rule_list.push_back(std::move(r));
    const std::size_t i = rule_list.size() - 1;
    index.emplace(id, i);
    return i;
  };
  Json results = Json::array();
  std::map<std::string, int> seen;  // fingerprint occurrence counter
  for (const diag::Diagnostic& d : ds) {
    const std::string id = d.code.empty() ? "entryc" : d.code;
    Json res;
    res["ruleId"] = id;
    res["ruleIndex"] = rule_index(id);
    res["level"] = level(d.severity);
    const std::string text = o.consul_messages && !d.consul_text.empty() ? d.consul_text : d.summary;
    res["message"] = {{"text", d.detail.empty() ? text : text + ". " + d.detail}};
    if (d.subject.valid()) {
      const SourceFile& f = sm.file(d.subject.file);
      const Position b = f.position(d.subject.begin), e = f.position(d.subject.end);
      Json region = {{"startLine", b.line}, {"startColumn", b.column}};
      if (e.line > b.line || e.column > b.column) {
        region["endLine"] = e.line;
        region["endColumn"] = e.column;
      }
      std::string uri = f.name();
      Json artifact = {{"uri", uri}};
      if (!uri.empty() && uri[0] != '/') artifact["uriBaseId"] = "%SRCROOT%";
      res["locations"] = Json::array({{{"physicalLocation", {{"artifactLocation", artifact}, {"region", region}}}}});
      // Stable across edits elsewhere in the file: rule, file, the line's text.
      const std::string key = id + "\n" + f.name() + "\n" + trim(f.line_text(b.line));
      const int n = seen[key]++;
      res["partialFingerprints"] = {{"primaryLocationLineHash", fmt::format("{:016x}:{}", fnv1a(key), n + 1)}};
    } else {
      res["partialFingerprints"] = {{"primaryLocationLineHash", fmt::format("{:016x}:1", fnv1a(id + "\n" + d.summary))}};
    }
    results.push_back(std::move(res));
  }
  Json run = {{"tool",
               {{"driver",
                 {{"name", "entryc"},
                  {"version", tool_version},
                  {"informationUri", "https://github.com/entryc/entryc"},
                  {"rules", rule_list}}}}},
              {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "./"}}}}},
              {"results", results}};
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace entryc::render
