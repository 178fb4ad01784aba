// exports-wildcard-peer (E9).
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void WildcardPeer::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      if (field(consumers[j], "Peer") != "*") continue;
      const std::string at = "Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "]";
      out.report(at + ".Peer", "exporting to all peers ('*') is not supported")
          .detail("Name each peer that may import the service, one consumer each, using the name this cluster "
                  "gave the peering.")
          .consul(at + ": exporting to all peers (wildcard) is not supported");
    }
  }
}

}  // namespace exports
