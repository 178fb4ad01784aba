// exports-sameness-group-enterprise (E3b): CE rejects sameness-group consumers.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void SamenessGroupEnterprise::check(const Document& doc, Reporter& out) const {
  if (doc.enterprise()) return;
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Value& consumers = list(services[i], "Consumers");
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      if (field(consumers[j], "SamenessGroup").empty()) continue;
      const std::string at = "Services[" + std::to_string(i) + "].Consumers[" + std::to_string(j) + "]";
      out.report(at + ".SamenessGroup", "sameness groups are a Consul Enterprise feature")
          .detail("Consul CE rejects this entry. Export to each peer with 'Peer' instead, or lint with --edition ent "
                  "for an Enterprise cluster.")
          .consul(at + ": sameness-groups are an enterprise-only feature");
    }
  }
}

}  // namespace exports
