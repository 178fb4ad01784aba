// peering-unknown-sameness-group: a consumer or source names a sameness
// group the project does not declare, or one its partition is not in.
#include "project.hpp"
#include "rules.hpp"
#include "suggest.hpp"

namespace peering {

void UnknownSamenessGroup::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view group = field(r.obj, "SamenessGroup");
    if (group.empty() || group.find('*') != std::string_view::npos) return;
    const std::string path = r.path() + ".SamenessGroup";
    if (const std::optional<std::size_t> g = p.group_index(group)) {
      if (p.member(*g, r.ref)) return;
      out.report(path, "'" + r.ref + "' is not a member of sameness group '" + std::string(group) + "'")
          .detail("A partition only exports to and accepts callers from the sameness groups it belongs to. Add '" +
                  r.ref + "' to the group's members, or name a group it is in.")
          .note("the group's members", at("sameness_groups", *g) + ".members");
      return;
    }
    std::vector<std::string> names;
    for (const Json& g : p.groups()) names.emplace_back(field(g, "name"));
    std::string summary = "no sameness group named '" + std::string(group) + "'";
    if (auto m = suggest::closest(group, names)) summary += "; did you mean '" + *m + "'?";
    out.report(path, std::move(summary))
        .detail("Declare the group in the project file (sameness_group \"" + std::string(group) +
                "\" { members = [\"cluster/partition\", ...] }), or name one that is declared.");
  });
}

}  // namespace peering
