// The service-intentions plugin: Consul's Normalize + Validate for
// service-intentions entries (rules I1-I8, S1-S21, P1-P12 and D1 of
// ../shared/consul-semantics.md §3.3, each finding reported with Consul's
// own text and position in Consul's order), plus what Consul accepts but
// does not do what it looks like. Also normalizes flattened intention lists
// (precedence and IntentionPrecedenceSorter order).
#include "entry.hpp"
#include "rules.hpp"
#include "service_intentions_docs.hpp"

namespace intentions {
namespace {

std::optional<entryc::sdk::Normalized> normalize_document(const Document& d) {
  if (d.kind == "service-intentions") return normalize(d.dom(), d.enterprise(), d.option("mode") == "legacy");
  if (d.kind == "intention-list") return normalize_list(d.dom());
  return std::nullopt;
}

}  // namespace
}  // namespace intentions

#define SI "service-intentions"

// clang-format off
ENTRYC_RULES_PLUGIN("service-intentions", "1.0.0", &intentions::normalize_document,
  ENTRYC_RULE(intentions::NameRequired, "intentions-name-required", error, "recommended", SI,
              "the entry names no destination service", docs::intentions_name_required),
  ENTRYC_RULE(intentions::WildcardPartial, "intentions-wildcard-partial", error, "recommended", SI,
              "a name or namespace mixes '*' with other characters", docs::intentions_wildcard_partial),
  ENTRYC_RULE(intentions::ExactUnderWildcardNamespace, "intentions-exact-under-wildcard-namespace", error,
              "recommended", SI, "an exact service name in the wildcard namespace '*' (Enterprise)",
              docs::intentions_exact_under_wildcard_namespace),
  ENTRYC_RULE(intentions::PartitionWildcard, "intentions-partition-wildcard", error, "recommended", SI,
              "a partition contains '*' (Enterprise)", docs::intentions_partition_wildcard),
  ENTRYC_RULE(intentions::JwtProviderName, "intentions-jwt-provider-name", error, "recommended", SI,
              "a JWT provider has no Name", docs::intentions_jwt_provider_name),
  ENTRYC_RULE(intentions::MetaLimits, "intentions-meta-limits", error, "recommended", SI,
              "Meta has too many pairs, or a key or value that is too long", docs::intentions_meta_limits),
  ENTRYC_RULE(intentions::NoSources, "intentions-no-sources", error, "recommended", SI,
              "the entry has no sources", docs::intentions_no_sources),
  ENTRYC_RULE(intentions::SourceNameRequired, "intentions-source-name-required", error, "recommended", SI,
              "a source has no Name", docs::intentions_source_name_required),
  ENTRYC_RULE(intentions::SamenessGroupEnterprise, "intentions-sameness-group-enterprise", error, "recommended", SI,
              "a source uses a sameness group, an Enterprise feature", docs::intentions_sameness_group_enterprise),
  ENTRYC_RULE(intentions::PeerWildcard, "intentions-peer-wildcard", error, "recommended", SI,
              "a source's Peer contains '*'", docs::intentions_peer_wildcard),
  ENTRYC_RULE(intentions::SamenessGroupWildcard, "intentions-sameness-group-wildcard", error, "recommended", SI,
              "a source's SamenessGroup contains '*' (Enterprise)", docs::intentions_sameness_group_wildcard),
  ENTRYC_RULE(intentions::SourcePeerAndPartition, "intentions-source-peer-and-partition", error, "recommended", SI,
              "a source sets both Peer and Partition (Enterprise)", docs::intentions_source_peer_and_partition),
  ENTRYC_RULE(intentions::SourceSamenessGroupConflict, "intentions-source-sameness-group-conflict", error,
              "recommended", SI, "a sameness-group source also sets Partition or Peer (Enterprise)",
              docs::intentions_source_sameness_group_conflict),
  ENTRYC_RULE(intentions::DescriptionTooLong, "intentions-description-too-long", error, "recommended", SI,
              "a source's Description is longer than 512 bytes", docs::intentions_description_too_long),
  ENTRYC_RULE(intentions::LegacyFields, "intentions-legacy-fields", error, "recommended", SI,
              "a source sets LegacyMeta (or a legacy write lacks its legacy fields)", docs::intentions_legacy_fields),
  ENTRYC_RULE(intentions::ActionInvalid, "intentions-action-invalid", error, "recommended", SI,
              "an L4 source's Action is not 'allow' or 'deny'", docs::intentions_action_invalid),
  ENTRYC_RULE(intentions::ActionWithPermissions, "intentions-action-with-permissions", error, "recommended", SI,
              "a source sets both Action and Permissions", docs::intentions_action_with_permissions),
  ENTRYC_RULE(intentions::PermissionsWildcardDestination, "intentions-permissions-wildcard-destination", error,
              "recommended", SI, "a source has L7 Permissions but the destination is '*'",
              docs::intentions_permissions_wildcard_destination),
  ENTRYC_RULE(intentions::TypeInvalid, "intentions-type-invalid", error, "recommended", SI,
              "a source's Type is not 'consul'", docs::intentions_type_invalid),
  ENTRYC_RULE(intentions::PermissionActionInvalid, "intentions-permission-action-invalid", error, "recommended", SI,
              "a permission's Action is not 'allow' or 'deny'", docs::intentions_permission_action_invalid),
  ENTRYC_RULE(intentions::PermissionHttpMissing, "intentions-permission-http-missing", error, "recommended", SI,
              "a permission has no HTTP match", docs::intentions_permission_http_missing),
  ENTRYC_RULE(intentions::PermissionPathSlash, "intentions-permission-path-slash", error, "recommended", SI,
              "a PathExact or PathPrefix that does not start with '/'", docs::intentions_permission_path_slash),
  ENTRYC_RULE(intentions::PermissionPathConflict, "intentions-permission-path-conflict", error, "recommended", SI,
              "a permission sets more than one of PathExact, PathPrefix and PathRegex",
              docs::intentions_permission_path_conflict),
  ENTRYC_RULE(intentions::HeaderNameMissing, "intentions-header-name-missing", error, "recommended", SI,
              "a header match has no Name", docs::intentions_header_name_missing),
  ENTRYC_RULE(intentions::HeaderMatchCount, "intentions-header-match-count", error, "recommended", SI,
              "a header match makes no test, or more than one", docs::intentions_header_match_count),
  ENTRYC_RULE(intentions::HeaderIgnoreCase, "intentions-header-ignore-case", error, "recommended", SI,
              "a header match sets IgnoreCase with Present or Regex", docs::intentions_header_ignore_case),
  ENTRYC_RULE(intentions::MethodInvalid, "intentions-method-invalid", error, "recommended", SI,
              "a permission lists something that is not an HTTP method", docs::intentions_method_invalid),
  ENTRYC_RULE(intentions::MethodRepeated, "intentions-method-repeated", error, "recommended", SI,
              "a permission lists the same HTTP method twice", docs::intentions_method_repeated),
  ENTRYC_RULE(intentions::PermissionHttpEmpty, "intentions-permission-http-empty", error, "recommended", SI,
              "a permission's HTTP block has no path, header or method", docs::intentions_permission_http_empty),
  ENTRYC_RULE(intentions::SourceDuplicate, "intentions-source-duplicate", error, "recommended", SI,
              "two sources name the same service (and peer)", docs::intentions_source_duplicate),
  ENTRYC_RULE(intentions::PeerlessWildcardSource, "intentions-peerless-wildcard-source", warning, "recommended", SI,
              "a '*' source without Peer never matches traffic from peers", docs::intentions_peerless_wildcard_source),
  ENTRYC_RULE(intentions::PermissionNeverMatches, "intentions-permission-never-matches", warning, "recommended", SI,
              "an L7 permission that an earlier permission always decides first",
              docs::intentions_permission_never_matches),
  ENTRYC_RULE(intentions::LegacyFieldsIgnored, "intentions-legacy-fields-ignored", warning, "recommended", SI,
              "LegacyID or legacy times that Consul silently discards", docs::intentions_legacy_fields_ignored),
  ENTRYC_RULE(intentions::PrecedenceIgnored, "intentions-precedence-ignored", warning, "recommended", SI,
              "a Precedence value, which Consul always recomputes", docs::intentions_precedence_ignored),
  ENTRYC_RULE(intentions::ActionCase, "intentions-action-case", note, "recommended", SI,
              "an Action such as 'Allow' that only differs from 'allow' in case", docs::intentions_action_case))
// clang-format on
