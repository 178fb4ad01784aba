// intentions-method-invalid (P9): a method that is not an HTTP method
// Consul knows (compared after upper-casing).
#include "consul_text.hpp"
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void MethodInvalid::check(const Document& doc, Reporter& out) const {
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
        if (valid_method(method)) continue;
        auto r = out.report(s.perm(j, item(".HTTP.Methods", m)),
                            q(methods[m].get<std::string>()) + " is not an HTTP method");
        r.detail(
             "Consul accepts GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS and TRACE, in any case, and "
             "rejects the entry for any other method.")
            .consul(s.consul_perm(j, ".HTTP.Methods contains an invalid method " + consul_text::quote(method)))
            .order(order::permission(s.sorted, j, order::method(m, 0)));
        renumber_note(r, s);
      }
    }
  }
}

}  // namespace intentions
