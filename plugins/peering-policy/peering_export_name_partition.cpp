// peering-export-name-partition: in Consul Enterprise an exported-services
// entry is named after the partition it is written to; the project places
// each file in a partition, so a Name that differs is written to the wrong
// partition (or refused).
#include "project.hpp"
#include "rules.hpp"

namespace peering {

void ExportNamePartition::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  const Json& entries = p.entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& e = entries[i];
    if (field(e, "kind") != "exported-services" || !e.contains("entry")) continue;
    const std::string_view cluster = field(e, "cluster"), partition = field(e, "partition");
    const Json* c = p.cluster(cluster);
    if (!c || field(*c, "edition") != "ent") continue;  // CE: exports-name-not-default
    const std::string_view name = field(e["entry"], "Name");
    if (name.empty() || name == "*" || name == partition) continue;  // the exports plugin reports those
    out.report(Project::entry_path(i) + ".Name",
               "exported-services '" + std::string(name) + "' is in partition '" + std::string(partition) +
                   "'; in Enterprise its Name must be '" + std::string(partition) + "'")
        .detail("The project places this file in " + std::string(cluster) + "/" + std::string(partition) +
                ", and Consul Enterprise names an exported-services entry after the partition whose services it "
                "exports. Rename it to '" + std::string(partition) + "', or move the file to partition '" +
                std::string(name) + "'.");
  }
}

}  // namespace peering
