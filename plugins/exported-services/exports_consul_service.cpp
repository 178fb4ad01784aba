// exports-consul-service: Consul never exports the service named "consul".
#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void ConsulService::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (field(services[i], "Name") != "consul") continue;
    out.report("Services[" + std::to_string(i) + "].Name", "the 'consul' service is never exported")
        .detail("Consul accepts this entry but silently skips its own 'consul' service when it exports services to "
                "peers; remove it.");
  }
}

}  // namespace exports
