// exports-partition-consumer-ce: CE accepts Partition consumers and ignores them.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void PartitionConsumerCe::check(const Document& doc, Reporter& out) const {
  if (doc.enterprise()) return;
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      const std::string partition(field(consumers[j], "Partition"));
      if (partition.empty() || partition == "*") continue;  // '*' is exports-wildcard-partition
      out.report("Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "].Partition",
                 "Consul CE ignores the consumer partition '" + partition + "'")
          .detail("Partitions are a Consul Enterprise feature: CE stores this consumer without error and never "
                  "exports to it. Use a Peer consumer, or lint with --edition ent for an Enterprise cluster.");
    }
  }
}

}  // namespace exports
