// The exported-services plugin: Consul's Normalize + Validate for
// exported-services entries (rules E1-E9 of ../shared/consul-semantics.md
// §2.3), each finding reported, plus what Consul silently ignores.
#include "entry.hpp"
#include "exported_services_docs.hpp"
#include "rules.hpp"

namespace exports {

entryc::sdk::Normalized normalize(const Json& entry, bool enterprise) {
  entryc::sdk::Normalized out;
  if (entry.is_null()) {
    out.ok = false;
    out.error = "config entry is nil";
    return out;
  }
  out.json = entry;
  if (!enterprise && out.json.contains("Services") && out.json["Services"].is_array()) {
    for (Json& s : out.json["Services"]) {
      if (s.is_object()) s["Namespace"] = "";
    }
  }
  return out;
}

namespace {
std::optional<entryc::sdk::Normalized> normalize_document(const entryc::sdk::Document& d) {
  if (d.kind != "exported-services") return std::nullopt;
  return normalize(d.dom(), d.enterprise());
}
}  // namespace

}  // namespace exports

// clang-format off
ENTRYC_RULES_PLUGIN("exported-services", "1.0.0", &exports::normalize_document,
  ENTRYC_RULE(exports::NameNotDefault, "exports-name-not-default", error, "recommended", "exported-services",
              "the entry's Name is not the partition it belongs to", docs::exports_name_not_default),
  ENTRYC_RULE(exports::MetaLimits, "exports-meta-limits", error, "recommended", "exported-services",
              "Meta has too many pairs, or a key or value that is too long", docs::exports_meta_limits),
  ENTRYC_RULE(exports::SamenessGroupEnterprise, "exports-sameness-group-enterprise", error, "recommended",
              "exported-services", "a consumer uses a sameness group, an Enterprise feature",
              docs::exports_sameness_group_enterprise),
  ENTRYC_RULE(exports::ServiceNameEmpty, "exports-service-name-empty", error, "recommended", "exported-services",
              "an exported service has no Name", docs::exports_service_name_empty),
  ENTRYC_RULE(exports::NamespaceWildcardName, "exports-namespace-wildcard-name", error, "recommended",
              "exported-services", "a wildcard Namespace with a service Name that is not '*'",
              docs::exports_namespace_wildcard_name),
  ENTRYC_RULE(exports::NoConsumers, "exports-no-consumers", error, "recommended", "exported-services",
              "an exported service has no consumers", docs::exports_no_consumers),
  ENTRYC_RULE(exports::ConsumerTargets, "exports-consumer-targets", error, "recommended", "exported-services",
              "a consumer sets more than one of Peer, Partition and SamenessGroup", docs::exports_consumer_targets),
  ENTRYC_RULE(exports::WildcardPartition, "exports-wildcard-partition", error, "recommended", "exported-services",
              "a consumer exports to all partitions ('*')", docs::exports_wildcard_partition),
  ENTRYC_RULE(exports::WildcardPeer, "exports-wildcard-peer", error, "recommended", "exported-services",
              "a consumer exports to all peers ('*')", docs::exports_wildcard_peer),
  ENTRYC_RULE(exports::ConsulService, "exports-consul-service", warning, "recommended", "exported-services",
              "the 'consul' service is never exported", docs::exports_consul_service),
  ENTRYC_RULE(exports::PartitionConsumerCe, "exports-partition-consumer-ce", warning, "recommended",
              "exported-services", "Consul CE ignores consumers that name a Partition",
              docs::exports_partition_consumer_ce),
  ENTRYC_RULE(exports::NamespaceCe, "exports-namespace-ce", warning, "recommended", "exported-services",
              "Consul CE erases a service's Namespace", docs::exports_namespace_ce),
  ENTRYC_RULE(exports::DuplicateService, "exports-duplicate-service", warning, "recommended", "exported-services",
              "the same service is exported by two items", docs::exports_duplicate_service),
  ENTRYC_RULE(exports::DuplicateConsumer, "exports-duplicate-consumer", warning, "recommended", "exported-services",
              "the same consumer is listed twice for a service", docs::exports_duplicate_consumer),
  ENTRYC_RULE(exports::EmptyConsumer, "exports-empty-consumer", warning, "recommended", "exported-services",
              "a consumer names no peer, partition or sameness group", docs::exports_empty_consumer))
// clang-format on
