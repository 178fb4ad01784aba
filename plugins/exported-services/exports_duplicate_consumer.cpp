// exports-duplicate-consumer: the same consumer twice for one service.
#include <string>

#include "entry.hpp"
#include "identity_key.hpp"
#include "rules.hpp"

namespace exports {

void DuplicateConsumer::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  // One pass per service over the consumers seen (a service may list very
  // many consumers: FirstSeen hashes them then).
  identity::FirstSeen<3, std::size_t> first;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    first.clear();
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      const std::string_view peer = field(consumers[j], "Peer");
      const std::string_view part = field(consumers[j], "Partition");
      const std::string_view group = field(consumers[j], "SamenessGroup");
      if (peer.empty() && part.empty() && group.empty()) continue;
      const std::size_t* seen = first.add({peer, part, group}, j);
      if (!seen) continue;
      const std::string at = "Services[" + std::to_string(i) + "].Consumers[";
      const std::string what = !peer.empty()   ? "peer '" + std::string(peer) + "'"
                               : !part.empty() ? "partition '" + std::string(part) + "'"
                                               : "sameness group '" + std::string(group) + "'";
      out.report(at + std::to_string(j) + "]", "consumer " + what + " is listed twice")
          .detail("The second entry changes nothing; remove it.")
          .note("first listed here", at + std::to_string(*seen) + "]");
    }
  }
}

}  // namespace exports
