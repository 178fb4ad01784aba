// exports-consumer-targets (E7): at most one of Peer, Partition, SamenessGroup.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void ConsumerTargets::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      const char* set[3];
      std::size_t n = 0;
      for (const char* f : {"Peer", "Partition", "SamenessGroup"}) {
        if (!field(consumers[j], f).empty()) set[n++] = f;
      }
      if (n < 2) continue;
      const std::string at = "Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "]";
      std::string names = "'" + std::string(set[0]) + "'";
      for (std::size_t k = 1; k < n; ++k) names += (k + 1 == n ? " and '" : ", '") + std::string(set[k]) + "'";
      out.report(at, std::string(n == 2 ? "consumer sets both " : "consumer sets all of ") + names)
          .detail(
              "Each consumer names one peer, one partition or one sameness group; split it into one consumer per "
              "target.")
          .consul(at + ": must define at most one of Peer, Partition, or SamenessGroup");
    }
  }
}

}  // namespace exports
