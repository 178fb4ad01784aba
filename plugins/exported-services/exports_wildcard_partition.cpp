// exports-wildcard-partition (E8).
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void WildcardPartition::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      if (field(consumers[j], "Partition") != "*") continue;
      const std::string at = "Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "]";
      out.report(at + ".Partition", "exporting to all partitions ('*') is not supported")
          .detail("Name each partition that may import the service, one consumer each.")
          .consul(at + ": exporting to all partitions (wildcard) is not supported");
    }
  }
}

}  // namespace exports
