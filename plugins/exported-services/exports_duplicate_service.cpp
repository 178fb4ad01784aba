// exports-duplicate-service: one service in two list items (Consul merges them silently).
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void DuplicateService::check(const Document& doc, Reporter& out) const {
  const Json& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::string name = field(services[i], "Name");
    if (name.empty()) continue;
    const std::string ns = doc.enterprise() ? field(services[i], "Namespace") : std::string();
    for (std::size_t j = 0; j < i; ++j) {
      if (field(services[j], "Name") != name) continue;
      if (doc.enterprise() && field(services[j], "Namespace") != ns) continue;
      out.report("Services[" + std::to_string(i) + "].Name", "service '" + name + "' is exported twice")
          .detail("Consul accepts duplicates and uses the union of their consumers; keep one item with all the "
                  "consumers so that a reader sees them together.")
          .note("first exported here", "Services[" + std::to_string(j) + "].Name");
      break;
    }
  }
}

}  // namespace exports
