// intentions-wildcard-partial (I2, I3, S3, S4): '*' mixed with other
// characters in a namespace or service name.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

bool partial(std::string_view s) { return s != kWildcard && contains_wildcard(s); }

std::string detail(std::string_view value) {
  return "Consul understands '*' only as a whole value meaning every service (or namespace); there is no prefix or "
         "pattern matching, so it rejects " +
         q(value) + ". Write the exact name, or '*' alone.";
}

}  // namespace

void WildcardPartial::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  if (e.enterprise && partial(e.ns)) {
    out.report("Namespace", "destination Namespace " + q(e.ns) + " mixes '*' with other characters")
        .detail(detail(e.ns))
        .consul("Namespace: wildcard character '*' cannot be used with partial values")
        .order(order::entry(2));
  }
  if (partial(e.name)) {
    out.report("Name", "destination Name " + q(e.name) + " mixes '*' with other characters")
        .detail(detail(e.name))
        .consul("Name: wildcard character '*' cannot be used with partial values")
        .order(order::entry(3));
  }
  for (const Source& s : e.sources) {
    // A namespace inherited from the destination is reported there.
    if (e.enterprise && partial(s.ns) && !field(*s.json, "Namespace").empty()) {
      auto r = out.report(s.path(".Namespace"), "source Namespace " + q(s.ns) + " mixes '*' with other characters");
      r.detail(detail(s.ns))
          .consul(s.consul(".Namespace: wildcard character '*' cannot be used with partial values"))
          .order(order::source(s.sorted, order::kNamespacePartial));
      renumber_note(r, s);
    }
    if (partial(s.name)) {
      auto r = out.report(s.path(".Name"), "source Name " + q(s.name) + " mixes '*' with other characters");
      r.detail(detail(s.name))
          .consul(s.consul(".Name: wildcard character '*' cannot be used with partial values"))
          .order(order::source(s.sorted, order::kNamePartial));
      renumber_note(r, s);
    }
  }
}

}  // namespace intentions
