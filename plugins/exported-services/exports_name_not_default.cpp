// exports-name-not-default (E1): in CE the entry must be named "default";
// in Enterprise it is named after its partition.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void NameNotDefault::check(const Document& doc, Reporter& out) const {
  const std::string name(field(doc.json, "Name"));
  if (doc.enterprise()) {
    if (name.empty()) {
      out.report("Name", "exported-services entry has no Name")
          .detail("In Consul Enterprise the entry is named after the partition whose services it exports.")
          .consul("Name is required");
    } else if (name == "*") {
      out.report("Name", "exported-services Name cannot be the wildcard '*'")
          .detail("Name the partition whose services this entry exports.")
          .consul("exported-services Name must be the name of a partition, and not a wildcard");
    }
    return;
  }
  if (name == "default") return;
  out.report("Name", name.empty() ? "exported-services entry has no Name; it must be \"default\""
                                  : "exported-services Name is '" + name + "'; it must be \"default\"")
      .detail("Consul CE has one partition, so it accepts only Name = \"default\". In Consul Enterprise the name is "
              "the partition's; lint with --edition ent for an Enterprise cluster.")
      .consul("exported-services Name must be \"default\"");
}

}  // namespace exports
