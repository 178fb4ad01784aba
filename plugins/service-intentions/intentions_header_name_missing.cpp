// intentions-header-name-missing (P6): a header match without Name.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void HeaderNameMissing::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      const Value& headers = list(*http, "Header");
      for (std::size_t k = 0; k < headers.size(); ++k) {
        if (!field(headers[k], "Name").empty()) continue;
        const std::string at = item(".HTTP.Header", k);
        auto r = out.report(s.perm(j, at + ".Name"), "header match has no 'Name'");
        r.detail(
             "A header match names the request header it tests; Consul rejects one without Name. Set "
             "Name = \"x-example\".")
            .consul(s.consul_perm(j, at + " missing required Name field"))
            .order(order::permission(s.sorted, j, order::header(k, 0)));
        renumber_note(r, s);
      }
    }
  }
}

}  // namespace intentions
