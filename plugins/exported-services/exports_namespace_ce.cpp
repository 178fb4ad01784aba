// exports-namespace-ce: CE erases a service's Namespace during Normalize.
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void NamespaceCe::check(const Document& doc, Reporter& out) const {
  if (doc.enterprise()) return;
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::string ns(field(services[i], "Namespace"));
    if (ns.empty() || ns == "default") continue;  // "default" is what CE has anyway
    out.report("Services[" + std::to_string(i) + "].Namespace",
               "Consul CE erases the Namespace '" + ns + "' of this service")
        .detail("CE has only the default namespace, so Consul accepts the field and silently clears it: the "
                "service exported is '" + std::string(field(services[i], "Name")) + "' in the default namespace.");
  }
}

}  // namespace exports
