// intentions-header-ignore-case (P8): IgnoreCase on a Present or Regex
// header match.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void HeaderIgnoreCase::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      const Value& headers = list(*http, "Header");
      for (std::size_t k = 0; k < headers.size(); ++k) {
        const Value& h = headers[k];
        if (!flag(h, "IgnoreCase")) continue;
        const bool present_test = flag(h, "Present"), regex = !field(h, "Regex").empty();
        if (!present_test && !regex) continue;
        const std::string at = item(".HTTP.Header", k);
        auto r = out.report(s.perm(j, at + ".IgnoreCase"),
                            std::string("'IgnoreCase' cannot be combined with ") + (regex ? "'Regex'" : "'Present'"));
        r.detail(regex ? "IgnoreCase applies to Exact, Prefix, Suffix and Contains; Consul rejects it with Regex. "
                         "Remove IgnoreCase and write a case-insensitive pattern such as '(?i)value' instead."
                       : "IgnoreCase applies to Exact, Prefix, Suffix and Contains; Consul rejects it with Present, "
                         "which compares no value. Remove IgnoreCase.")
            .consul(
                s.consul_perm(j, at + " should set one of Exact, Prefix, Suffix, or Contains when using IgnoreCase"))
            .order(order::permission(s.sorted, j, order::header(k, 2)));
        renumber_note(r, s);
      }
    }
  }
}

}  // namespace intentions
