// Duplicate attributes, as hashicorp/hcl v1.0.1-vault-7's parser detects
// them when DecodeErrorOnDuplicates is used (Consul's ACL rules).
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "entryc/go_strconv.hpp"
#include "entryc/hcl.hpp"

namespace entryc::hcl {
namespace {

class Checker {
 public:
  Checker(const ast::Document& doc, const SourceFile& file, diag::Severity sev)
      : doc_(doc), file_(file), sev_(sev) {}

  std::optional<std::string> list(std::span<const ast::Member> members) {
    std::optional<std::string> first;
    // Small objects: a linear scan beats hashing.
    const std::size_t mark = small_.size();
    std::unordered_map<std::string_view, const ast::Member*> seen;
    const bool use_hash = members.size() > 24;
    for (const ast::Member& m : members) {
      std::optional<std::string> inner = value(m.value);
      if (inner && !first) first = std::move(inner);
      if (m.is_block()) continue;
      // In JSON an object value may be one of several blocks of that name
      // (HCL v1's JSON form of repeated blocks): only other values count.
      if (doc_.syntax == ast::Syntax::json && m.value && m.value->kind == ast::Kind::object) continue;
      for (const ast::Key& k : m.keys()) {
        const std::string_view raw = doc_.raw(k);
        const ast::Member* earlier = nullptr;
        if (use_hash) {
          auto [it, fresh] = seen.emplace(raw, &m);
          if (!fresh) earlier = it->second;
        } else {
          for (std::size_t i = mark; i < small_.size(); ++i) {
            if (small_[i].first == raw) {
              earlier = small_[i].second;
              break;
            }
          }
          if (!earlier) small_.emplace_back(raw, &m);
        }
        if (!earlier) continue;
        const Position p = file_.position(k.begin);
        if (!first) {
          first = fmt::format("The argument {} at {}:{} was already set. Each argument can only be defined once",
                              gostr::quote(raw), p.line, p.column);
        }
        report(*earlier, m);
      }
    }
    small_.resize(mark);
    return first;
  }

 private:
  std::optional<std::string> value(const ast::Value* v) {
    if (!v) return std::nullopt;
    if (v->kind == ast::Kind::object) return list(v->members());
    if (v->kind != ast::Kind::array) return std::nullopt;
    std::optional<std::string> first;
    for (const ast::Value* e : v->items()) {
      std::optional<std::string> inner = value(e);
      if (!inner || first) continue;
      const Position p = file_.position(e->begin);
      if (e->kind == ast::Kind::object) {
        first = fmt::format("At {}:{}: error while trying to parse object within list: {}", p.line, p.column, *inner);
      } else if (e->kind == ast::Kind::array) {
        first = fmt::format("At {}:{}: error while trying to parse list within list: {}", p.line, p.column, *inner);
      } else {
        first = std::move(inner);
      }
    }
    return first;
  }

  void report(const ast::Member& earlier, const ast::Member& again) {
    const std::string_view name = again.key().name();
    std::string what;
    if (sev_ == diag::Severity::error) {
      what = "Consul rejects an attribute set twice in one block of ACL rules.";
    } else if (doc_.syntax == ast::Syntax::json) {
      what = "Consul's JSON decoder silently keeps the last value.";
    } else if (again.value->kind == ast::Kind::array) {
      what = "HCL v1 concatenates the two lists, which is rarely intended.";
    } else if (again.value->kind == ast::Kind::object) {
      what = "HCL v1 collects both objects into a list.";
    } else {
      what = "HCL v1 keeps the last value, converted to the type of the first.";
    }
    diag::Diagnostic d = diag::make(sev_, "hcl-duplicate-attribute", fmt::format("'{}' is set more than once", name),
                                    doc_.range(again.key()), what + " Remove one of them.");
    d.notes.push_back({"first set here", doc_.range(earlier.key())});
    found.push_back(std::move(d));
  }

 public:
  std::vector<diag::Diagnostic> found;  // in HashiCorp's traversal order

 private:

  const ast::Document& doc_;
  const SourceFile& file_;
  diag::Severity sev_;
  std::vector<std::pair<std::string_view, const ast::Member*>> small_;  // a stack shared by nested objects
};

}  // namespace

std::string check_duplicates(const ast::Document& doc, const SourceFile& file, diag::Sink& sink,
                             diag::Severity severity) {
  if (!doc.root) return {};
  Checker c(doc, file, severity);
  std::string first = c.list(doc.root->members()).value_or(std::string());
  for (std::size_t i = 0; i < c.found.size(); ++i) {
    if (i == 0 && severity == diag::Severity::error) c.found[i].consul_text = first;
    sink.report(std::move(c.found[i]));
  }
  return first;
}

}  // namespace entryc::hcl
