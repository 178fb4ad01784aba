// intentions-exact-under-wildcard-namespace (I4, S5; Enterprise): a service
// name that is not '*' in the wildcard namespace '*'.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

// validateIntentionWildcards reaches this check for a name without '*'.
bool exact(std::string_view name) { return !name.empty() && !contains_wildcard(name); }

const char* const kDetail =
    "Namespace '*' means every namespace, and Consul then accepts only Name = '*' (all services of all "
    "namespaces). Set the namespace the service lives in, or use Name = \"*\".";

}  // namespace

void ExactUnderWildcardNamespace::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  if (!e.enterprise) return;  // CE has only the default namespace
  if (e.ns == kWildcard && exact(e.name)) {
    out.report("Name", "destination Name " + q(e.name) + " is exact but its Namespace is '*'")
        .detail(kDetail)
        .consul("Name: exact value cannot follow wildcard namespace")
        .order(order::entry(4))
        .note("the wildcard namespace", "Namespace");
  }
  for (const Source& s : e.sources) {
    if (s.ns != kWildcard || !exact(s.name)) continue;
    auto r = out.report(s.path(".Name"), "source Name " + q(s.name) + " is exact but its Namespace is '*'");
    r.detail(kDetail)
        .consul(s.consul(".Name: exact value cannot follow wildcard namespace"))
        .order(order::source(s.sorted, order::kExactUnderWildcard));
    renumber_note(r, s, "the wildcard namespace", s.path(".Namespace"));
  }
}

}  // namespace intentions
