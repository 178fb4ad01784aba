// exports-empty-consumer: `{}` is accepted by Consul and exports to nobody.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void EmptyConsumer::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      if (!field(consumers[j], "Peer").empty() || !field(consumers[j], "Partition").empty() ||
          !field(consumers[j], "SamenessGroup").empty()) {
        continue;
      }
      out.report("Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "]",
                 "consumer names no peer, partition or sameness group")
          .detail("Consul accepts an empty consumer (at most one target is required, not exactly one), but it "
                  "exports the service to nobody. Add Peer = \"<peer name>\".");
    }
  }
}

}  // namespace exports
