// intentions-permission-path-conflict (P5): more than one of PathExact,
// PathPrefix and PathRegex.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PermissionPathConflict::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      std::vector<std::string> set;
      for (const char* f : {"PathExact", "PathPrefix", "PathRegex"}) {
        if (!field(*http, f).empty()) set.emplace_back(f);
      }
      if (set.size() < 2) continue;
      std::string names = "'" + set[0] + "'";
      for (std::size_t k = 1; k < set.size(); ++k) names += (k + 1 == set.size() ? " and '" : ", '") + set[k] + "'";
      auto r = out.report(s.perm(j, ".HTTP." + set[1]),
                          std::string(set.size() == 2 ? "permission sets both " : "permission sets all of ") + names);
      r.detail(
           "A permission matches the path one way; Consul rejects one that sets several path fields. Keep one, "
           "or split the permission in two.")
          .consul(s.consul_perm(j, ".HTTP should only contain at most one of PathExact, PathPrefix, or PathRegex"))
          .order(order::permission(s.sorted, j, order::kPathCount));
      renumber_note(r, s, "'" + set[0] + "' is set here", s.perm(j, ".HTTP." + set[0]));
    }
  }
}

}  // namespace intentions
