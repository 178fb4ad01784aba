// exports-duplicate-service: one service in two list items (Consul merges them silently).
#include <unordered_map>

#include "entry.hpp"
#include "rules.hpp"

namespace exports {

void DuplicateService::check(const Document& doc, Reporter& out) const {
  const Value& services = list(doc.json, "Services");
  // Name and namespace ("" is the default namespace; CE has only that one).
  std::unordered_map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::string_view name = field(services[i], "Name");
    if (name.empty()) continue;
    std::string_view ns = doc.enterprise() ? field(services[i], "Namespace") : std::string_view();
    if (ns == "default") ns = {};
    std::string key(name);
    key.push_back('\0');
    key.append(ns);
    const auto [at, inserted] = first.try_emplace(std::move(key), i);
    if (inserted) continue;
    out.report("Services[" + std::to_string(i) + "].Name", "service '" + std::string(name) + "' is exported twice")
        .detail("Consul accepts duplicates and uses the union of their consumers; keep one item with all the "
                "consumers so that a reader sees them together.")
        .note("first exported here", "Services[" + std::to_string(at->second) + "].Name");
  }
}

}  // namespace exports
