// acl-duplicate-rule: the same rule type and name twice. Consul merges the
// definitions (policy_merger.go: deny > write > list > read, compared
// case-sensitively, policy and intentions separately); scalar rules spelt in
// two casings keep the last assignment.
#include <algorithm>
#include <span>
#include <vector>

#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

namespace {

std::string times(std::size_t n) { return n == 2 ? "twice" : std::to_string(n) + " times"; }

}  // namespace

void DuplicateRule::check(const Document& doc, Reporter& out) const {
  const Policy& p = parse(doc);
  for (const TypeInfo& ti : types()) {
    if (ti.scalar) {
      const Scalar* first = nullptr;
      const Scalar* last = p.effective(ti.type);
      for (const Scalar& s : p.scalars) {
        if (s.type != ti.type) continue;
        if (!first) {
          first = &s;
          continue;
        }
        out.report(s.path(), "'" + s.key + "' sets '" + std::string(ti.name) + "' again; the last value ('" +
                                 last->level.text + "') wins")
            .at_key()
            .detail(
                "Consul matches rule types case-insensitively and keeps the last assignment; HCL's duplicate "
                "check only catches keys spelt the same way. Keep one.")
            .note("first set here", first->path().str());
      }
      continue;
    }
    const std::vector<acl::Rule>& rules = p.of(ti.type);
    if (rules.size() < 2) continue;
    // The rules by name, each name's in their order: a group is a run.
    std::vector<const acl::Rule*> by_name(rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) by_name[i] = &rules[i];
    std::stable_sort(by_name.begin(), by_name.end(),
                     [](const acl::Rule* a, const acl::Rule* b) { return a->name < b->name; });
    for (std::size_t b = 0, e; b < by_name.size(); b = e) {
      for (e = b + 1; e < by_name.size() && by_name[e]->name == by_name[b]->name;) ++e;
      if (e - b < 2) continue;
      const std::span<const acl::Rule* const> g(by_name.data() + b, e - b);
      std::string policy = g.front()->policy.text, intentions = g.front()->intentions.text;
      for (const acl::Rule* x : g) {
        if (takes_precedence(x->policy.text, policy)) policy = x->policy.text;
        if (takes_precedence(x->intentions.text, intentions)) intentions = x->intentions.text;
      }
      for (const acl::Rule* r : g.subspan(1)) {
        std::string summary = describe(r->type, r->name) + " is defined " + times(g.size()) +
                              "; Consul merges the definitions and policy '" + policy + "' wins";
        std::string detail = "Repeated rules for the same name are merged: deny beats write, write beats list, list "
                             "beats read (compared case-sensitively)";
        if (ti.has_intentions) {
          detail += ", separately for policy and intentions";
          if (!intentions.empty()) summary += " with intentions '" + intentions + "'";
        }
        detail += ". Keep one block with the level you mean.";
        out.report(r->label(), std::move(summary))
            .at_key()
            .detail(std::move(detail))
            .note("first defined here", g.front()->label().str());
      }
    }
  }
}

}  // namespace acl::lint
