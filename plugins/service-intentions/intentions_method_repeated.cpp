// intentions-method-repeated (P10): the same method twice (after
// upper-casing: 'get' and 'GET' are the same).
#include "consul_text.hpp"
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void MethodRepeated::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      const Value& methods = list(*http, "Methods");
      for (std::size_t m = 0; m < methods.size(); ++m) {
        if (!methods[m].is_string()) continue;
        const std::string method = upper(methods[m].get<std::string>());
        if (!valid_method(method)) continue;  // Consul stops at the invalid method first
        std::size_t first = m;
        for (std::size_t k = 0; k < m && first == m; ++k) {
          if (methods[k].is_string() && upper(methods[k].get<std::string>()) == method) first = k;
        }
        if (first == m) continue;
        const std::string written = methods[m].get<std::string>(), before = methods[first].get<std::string>();
        auto r = out.report(s.perm(j, item(".HTTP.Methods", m)),
                            written == before ? "method " + q(written) + " is listed twice"
                                              : "method " + q(written) + " repeats " + q(before));
        r.detail("Consul upper-cases Methods and rejects a permission that lists a method twice. Remove the repeat.")
            .consul(s.consul_perm(j, ".HTTP.Methods contains " + consul_text::quote(method) + " more than once"))
            .order(order::permission(s.sorted, j, order::method(m, 1)));
        renumber_note(r, s, "first listed here", s.perm(j, item(".HTTP.Methods", first)));
      }
    }
  }
}

}  // namespace intentions
