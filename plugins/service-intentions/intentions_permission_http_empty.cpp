// intentions-permission-http-empty (P11): an HTTP block with no path, no
// header and no method.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PermissionHttpEmpty::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      bool any = !list(*http, "Header").empty() || !list(*http, "Methods").empty();
      for (const char* f : {"PathExact", "PathPrefix", "PathRegex"}) any = any || !field(*http, f).empty();
      if (any) continue;
      auto r = out.report(s.perm(j, ".HTTP"), "permission's 'HTTP' block is empty");
      r.detail(
           "Consul rejects an HTTP match without a path, header or method. To match every request write "
           "PathPrefix = \"/\".")
          .consul(s.consul_perm(j, ".HTTP should not be empty"))
          .order(order::permission(s.sorted, j, order::kHttpEmpty));
      renumber_note(r, s);
    }
  }
}

}  // namespace intentions
