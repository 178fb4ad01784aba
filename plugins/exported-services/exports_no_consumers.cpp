// exports-no-consumers (E6).
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void NoConsumers::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (!list(services[i], "Consumers").empty()) continue;
    const std::string at = "Services[" + std::to_string(i) + "]";
    out.report(services[i].contains("Consumers") ? at + ".Consumers" : at,
               "exported service '" + std::string(field(services[i], "Name")) + "' has no consumers")
        .detail("List who may import it: Consumers = [{ Peer = \"cluster-02\" }].")
        .consul(at + ": must have at least one consumer");
  }
}

}  // namespace exports
