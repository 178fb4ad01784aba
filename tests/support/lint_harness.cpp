#include "lint_harness.hpp"

#include <algorithm>

#include "entryc/document.hpp"
#include "entryc/lint.hpp"
#include "entryc/plugin_host.hpp"

namespace entryc::test {
namespace {

const plugins::Host& host() {
  static plugins::Host* h = [] {
    auto* p = new plugins::Host();
    diag::Collector sink;
    const std::vector<std::string> none;
    p->load(none, sink);
    for (const auto& d : sink.diagnostics()) ADD_FAILURE() << "plugin load: " << d.summary;
    return p;
  }();
  return *h;
}

nlohmann::ordered_json twin(const generic::Node* n) {
  if (!n) return nullptr;
  if (n->kind == generic::Kind::list && n->of_maps) {
    if (n->size == 1) return twin(n->items()[0]);
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const generic::Node* e : n->items()) a.push_back(twin(e));
    return a;
  }
  if (n->kind == generic::Kind::list) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const generic::Node* e : n->items()) a.push_back(twin(e));
    return a;
  }
  if (n->kind == generic::Kind::map) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (const generic::Entry& e : n->entries()) o[std::string(e.key)] = twin(e.value);
    return o;
  }
  return consul::to_json(n);
}

}  // namespace

std::vector<Finding> lint_text(std::string_view text, std::string_view name, consul::Edition edition,
                               std::string_view kind) {
  SourceManager sm;
  const FileId id = sm.add(std::string(name), std::string(text));
  lint::Options opts;
  opts.config.edition = edition;
  opts.config.preset = "all";
  opts.forced_kind = std::string(kind);
  lint::Linter linter(host(), opts);
  diag::Collector sink;
  linter.lint(sm, id, sink);
  std::vector<Finding> out;
  for (const diag::Diagnostic& d : sink.diagnostics()) {
    Finding f;
    f.code = d.code;
    f.path = d.path;
    f.severity = d.severity;
    if (d.subject.valid()) {
      const Position p = sm.begin_position(d.subject);
      f.line = p.line;
      f.column = p.column;
    }
    f.summary = d.summary;
    f.consul_text = d.consul_text;
    out.push_back(std::move(f));
  }
  return out;
}

std::string json_twin(std::string_view hcl) {
  SourceManager sm;
  const FileId id = sm.add("twin.hcl", std::string(hcl));
  diag::Collector sink;
  ParsedDocument pd = read_document(sm, id, sink);
  if (!pd.accepted()) {
    ADD_FAILURE() << "the HCL of a rule case does not parse: " << pd.reference_error;
    return "{}";
  }
  return twin(pd.tree.root).dump(2);
}

void check_rule(const std::string& rule, const RuleCase& c) {
  const consul::Edition ed = c.enterprise ? consul::Edition::ent : consul::Edition::ce;
  std::vector<std::string> got, want = c.expect, got_paths, want_paths;
  for (const Finding& f : lint_text(c.hcl, "case.hcl", ed, c.kind)) {
    if (f.code != rule) continue;
    got.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.path);
  }
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want) << "HCL:\n" << c.hcl;
  for (const std::string& w : want) want_paths.push_back(w.substr(w.find(' ') + 1));
  const std::string json = json_twin(c.hcl);
  for (const Finding& f : lint_text(json, "case.json", ed, c.kind)) {
    if (f.code == rule) got_paths.push_back(f.path);
  }
  std::sort(got_paths.begin(), got_paths.end());
  std::sort(want_paths.begin(), want_paths.end());
  EXPECT_EQ(got_paths, want_paths) << "JSON twin:\n" << json;
}

}  // namespace entryc::test
