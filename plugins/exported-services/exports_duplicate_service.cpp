// exports-duplicate-service: one service in two list items (Consul merges them silently).
#include <string>

#include "entry.hpp"
#include "identity_key.hpp"
#include "rules.hpp"

namespace exports {

void DuplicateService::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  // Name and namespace ("" is the default namespace; CE has only that one).
  identity::FirstSeen<2, std::size_t> first;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::string_view name = field(services[i], "Name");
    if (name.empty()) continue;
    std::string_view ns = doc.enterprise() ? field(services[i], "Namespace") : std::string_view();
    if (ns == "default") ns = {};
    const std::size_t* at = first.add({name, ns}, i);
    if (!at) continue;
    out.report("Services[" + std::to_string(i) + "].Name", "service '" + std::string(name) + "' is exported twice")
        .detail("Consul accepts duplicates and uses the union of their consumers; keep one item with all the "
                "consumers so that a reader sees them together.")
        .note("first exported here", "Services[" + std::to_string(*at) + "].Name");
  }
}

}  // namespace exports
