// The peering-policy plugin: whether a whole project fits together across
// clusters (the "project" document, project.hpp). Consul checks each config
// entry alone; these rules check the four steps of cluster peering against
// each other: peerings and their names, exports, intentions and the ACL
// tokens sidecars and gateways use. ../shared/consul-semantics.md §4-5.
#include "peering_policy_docs.hpp"
#include "rules.hpp"

// clang-format off
ENTRYC_RULES_PLUGIN("peering-policy", "1.0.0", nullptr,
  ENTRYC_RULE(peering::UnknownPeer, "peering-unknown-peer", error, "recommended", "project",
              "a consumer or source names a peer no peering of the project has", docs::peering_unknown_peer),
  ENTRYC_RULE(peering::PeerNotEstablished, "peering-peer-not-established", error, "recommended", "project",
              "a consumer or source names a peer of another partition, not of its own",
              docs::peering_peer_not_established),
  ENTRYC_RULE(peering::UnknownPartition, "peering-unknown-partition", error, "recommended", "project",
              "a consumer or source names a partition its cluster does not declare", docs::peering_unknown_partition),
  ENTRYC_RULE(peering::UnknownSamenessGroup, "peering-unknown-sameness-group", error, "recommended", "project",
              "a consumer or source names a sameness group that is not declared or that its partition is not in",
              docs::peering_unknown_sameness_group),
  ENTRYC_RULE(peering::IntentionNotExported, "peering-intention-not-exported", warning, "all", "project",
              "an intention allows a peer to call a service that is not exported to it",
              docs::peering_intention_not_exported),
  ENTRYC_RULE(peering::DeadExport, "peering-dead-export", warning, "recommended", "project",
              "with ACLs denying by default, a service exported to a peer no intention lets call it",
              docs::peering_dead_export),
  ENTRYC_RULE(peering::IntentionWrongSide, "peering-intention-wrong-side", error, "recommended", "project",
              "an intention for a service that runs in the peer's cluster, not in its own",
              docs::peering_intention_wrong_side),
  ENTRYC_RULE(peering::TokenCannotReadImports, "peering-token-cannot-read-imports", error, "recommended", "project",
              "the ACL token of a service that calls a peer cannot read imported services",
              docs::peering_token_cannot_read_imports),
  ENTRYC_RULE(peering::MeshGatewayToken, "peering-mesh-gateway-token", error, "recommended", "project",
              "a peered partition's mesh gateway token lacks mesh = \"write\" or peering = \"read\"",
              docs::peering_mesh_gateway_token),
  ENTRYC_RULE(peering::SameDatacenter, "peering-same-datacenter", error, "recommended", "project",
              "a peering between partitions of one datacenter", docs::peering_same_datacenter),
  ENTRYC_RULE(peering::ConsulVersion, "peering-consul-version", error, "recommended", "project",
              "a peered cluster runs Consul older than 1.14.1", docs::peering_consul_version),
  ENTRYC_RULE(peering::InvalidPeerName, "peering-invalid-peer-name", error, "recommended", "project",
              "a peer name Consul refuses", docs::peering_invalid_peer_name),
  ENTRYC_RULE(peering::PeerNameReused, "peering-peer-name-reused", error, "recommended", "project",
              "one partition uses the same peer name for two peerings", docs::peering_peer_name_reused),
  ENTRYC_RULE(peering::ExportNamePartition, "peering-export-name-partition", error, "recommended", "project",
              "an Enterprise exported-services entry not named after the partition the project puts it in",
              docs::peering_export_name_partition))
// clang-format on
