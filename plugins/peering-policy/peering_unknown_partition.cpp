// peering-unknown-partition: a consumer or source names a partition its
// cluster does not declare.
#include <algorithm>

#include "project.hpp"
#include "rules.hpp"
#include "suggest.hpp"

namespace peering {

void UnknownPartition::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for_each_reference(p, [&](const Reference& r) {
    const std::string_view part = field(r.obj, "Partition");
    if (part.empty() || part.find('*') != std::string_view::npos) return;
    const std::string_view cluster = field(p.entries()[r.entry], "cluster");
    const Json* c = p.cluster(cluster);
    if (!c) return;
    std::vector<std::string> names;
    for (const Json& q : list(*c, "partitions")) names.emplace_back(field(q, "name"));
    if (std::find(names.begin(), names.end(), part) != names.end()) return;
    std::string summary = "cluster '" + std::string(cluster) + "' has no partition '" + std::string(part) + "'";
    if (auto m = suggest::closest(part, names)) summary += "; did you mean '" + *m + "'?";
    out.report(r.path() + ".Partition", std::move(summary))
        .detail("Partition names another admin partition of the same cluster. Declare it in the project file "
                "(partition \"" + std::string(part) + "\" { ... } in cluster '" + std::string(cluster) +
                "'), or to reach another cluster use Peer with a peer name.");
  });
}

}  // namespace peering
