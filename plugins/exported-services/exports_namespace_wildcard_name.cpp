// exports-namespace-wildcard-name (E5, Enterprise): Namespace "*" needs Name "*".
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void NamespaceWildcardName::check(const Document& doc, Reporter& out) const {
  if (!doc.enterprise()) return;  // CE erases Namespace before validating
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (field(services[i], "Namespace") != "*" || field(services[i], "Name") == "*") continue;
    const std::string at = "Services[" + std::to_string(i) + "]";
    out.report(at + ".Name", "a wildcard Namespace needs the wildcard service Name '*'")
        .detail("Exporting every namespace means exporting every service in it: set Name = \"*\", or name the "
                "namespace.")
        .consul(at + ": service name must be wildcard if namespace is wildcard");
  }
}

}  // namespace exports
