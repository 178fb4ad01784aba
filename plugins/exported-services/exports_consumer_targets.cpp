// exports-consumer-targets (E7): at most one of Peer, Partition, SamenessGroup.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void ConsumerTargets::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      std::vector<std::string> set;
      for (const char* f : {"Peer", "Partition", "SamenessGroup"}) {
        if (!field(consumers[j], f).empty()) set.emplace_back(f);
      }
      if (set.size() < 2) continue;
      const std::string at = "Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "]";
      std::string names = "'" + set[0] + "'";
      for (std::size_t k = 1; k < set.size(); ++k) names += (k + 1 == set.size() ? " and '" : ", '") + set[k] + "'";
      out.report(at, std::string(set.size() == 2 ? "consumer sets both " : "consumer sets all of ") + names)
          .detail("Each consumer names one peer, one partition or one sameness group; split it into one consumer per "
                  "target.")
          .consul(at + ": must define at most one of Peer, Partition, or SamenessGroup");
    }
  }
}

}  // namespace exports
