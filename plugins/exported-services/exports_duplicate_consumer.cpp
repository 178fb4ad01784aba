// exports-duplicate-consumer: the same consumer twice for one service.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void DuplicateConsumer::check(const Document& doc, Reporter& out) const {
  const Json& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Json& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      const std::string_view peer = field(consumers[j], "Peer");
      const std::string_view part = field(consumers[j], "Partition");
      const std::string_view group = field(consumers[j], "SamenessGroup");
      if (peer.empty() && part.empty() && group.empty()) continue;
      for (std::size_t k = 0; k < j; ++k) {
        if (field(consumers[k], "Peer") != peer || field(consumers[k], "Partition") != part ||
            field(consumers[k], "SamenessGroup") != group) {
          continue;
        }
        const std::string at = "Services[" + std::to_string(i) + "].Consumers[";
        const std::string what = !peer.empty()   ? "peer '" + std::string(peer) + "'"
                                 : !part.empty() ? "partition '" + std::string(part) + "'"
                                                 : "sameness group '" + std::string(group) + "'";
        out.report(at + std::to_string(j) + "]", "consumer " + what + " is listed twice")
            .detail("The second entry changes nothing; remove it.")
            .note("first listed here", at + std::to_string(k) + "]");
        break;
      }
    }
  }
}

}  // namespace exports
