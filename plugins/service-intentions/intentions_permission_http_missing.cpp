// intentions-permission-http-missing (P2): a permission without HTTP.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PermissionHttpMissing::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      if (object(perms[j], "HTTP")) continue;
      auto r = out.report(s.perm(j, ".HTTP"), "permission has no 'HTTP' match");
      r.detail(
           "A permission says which requests it decides in an HTTP block (path, headers or methods); Consul "
           "rejects one without it. To match every request write HTTP { PathPrefix = \"/\" }.")
          .consul(s.consul_perm(j, ".HTTP is required"))
          .order(order::permission(s.sorted, j, order::kPermHttp));
      renumber_note(r, s);
    }
  }
}

}  // namespace intentions
