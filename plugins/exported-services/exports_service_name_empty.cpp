// exports-service-name-empty (E4).
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void ServiceNameEmpty::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (!field(services[i], "Name").empty()) continue;
    const std::string at = "Services[" + std::to_string(i) + "]";
    out.report(services[i].contains("Name") ? at + ".Name" : at, "exported service has no Name")
        .detail("Name the service to export, or '*' for every service in the namespace.")
        .consul(at + ": service name cannot be empty");
  }
}

}  // namespace exports
