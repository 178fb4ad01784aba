// intentions-permission-path-slash (P3, P4): PathExact or PathPrefix that
// does not start with '/'.
#include "consul_text.hpp"
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PermissionPathSlash::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      for (const char* f : {"PathExact", "PathPrefix"}) {
        const std::string v = field(*http, f);
        if (v.empty() || v[0] == '/') continue;
        auto r = out.report(s.perm(j, std::string(".HTTP.") + f),
                            "path " + q(v) + " in '" + f + "' does not start with '/'");
        r.detail("Request paths always begin with '/', so Consul rejects a path match that does not. Write " +
                 q("/" + v) + ".")
            .consul(s.consul_perm(j, std::string(".HTTP.") + f + " doesn't start with '/': " + consul_text::quote(v)))
            .order(order::permission(s.sorted, j,
                                     std::string_view(f) == "PathExact" ? order::kPathExact : order::kPathPrefix));
        renumber_note(r, s);
      }
    }
  }
}

}  // namespace intentions
