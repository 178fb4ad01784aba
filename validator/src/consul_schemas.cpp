// Field tables transcribed from Consul's api/config_entry_*.go and
// agent/structs/config_entry_*.go (see ../shared/consul-semantics.md §1, §2.1,
// §3.1).
#include "consul_schemas.hpp"

namespace entryc::consul::schema {
namespace {

// --- exported-services -----------------------------------------------------
const Struct kServiceConsumer{"ServiceConsumer",
                              {
                                  {"Partition", T::string, "string"},
                                  {"Peer", T::string, "string", nullptr, T::any, "peer_name"},
                                  {"SamenessGroup", T::string, "string", nullptr, T::any, "sameness_group"},
                              }};
const Struct kExportedService{"ExportedService",
                              {
                                  {"Name", T::string, "string"},
                                  {"Namespace", T::string, "string"},
                                  {"Consumers", T::list, "[]%.ServiceConsumer", &kServiceConsumer, T::object},
                              }};
const Struct kRaftIndex{"RaftIndex",
                        {
                            {"CreateIndex", T::uint64, "uint64"},
                            {"ModifyIndex", T::uint64, "uint64"},
                        }};
const Struct kExportedServices{
    "ExportedServicesConfigEntry",
    {
        {"Name", T::string, "string"},
        {"Partition", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"Namespace", T::string, "string", nullptr, T::any, "", kServerEnt},
        {"Services", T::list, "[]%.ExportedService", &kExportedService, T::object},
        {"Meta", T::string_map, "map[string]string"},
        {"Hash", T::uint64, "uint64", nullptr, T::any, "", kServer},
        {"CreateIndex", T::uint64, "uint64", nullptr, T::any, "", kApi | kServerIgnores, false},
        {"ModifyIndex", T::uint64, "uint64", nullptr, T::any, "", kApi | kServerIgnores, false},
        {"RaftIndex", T::object, "structs.RaftIndex", &kRaftIndex, T::any, "", kServer},
    }};

// --- service-intentions ----------------------------------------------------
const Struct kClaimVerification{"IntentionJWTClaimVerification",
                                {
                                    {"Path", T::list, "[]string", nullptr, T::string},
                                    {"Value", T::string, "string"},
                                }};
const Struct kJwtProvider{"IntentionJWTProvider",
                          {
                              {"Name", T::string, "string"},
                              {"VerifyClaims", T::list, "[]*%.IntentionJWTClaimVerification", &kClaimVerification,
                               T::object, "verify_claims"},
                          }};
const Struct kJwtRequirement{"IntentionJWTRequirement",
                             {
                                 {"Providers", T::list, "[]*%.IntentionJWTProvider", &kJwtProvider, T::object},
                             }};
const Struct kHeaderPermission{"IntentionHTTPHeaderPermission",
                               {
                                   {"Name", T::string, "string"},
                                   {"Present", T::boolean, "bool"},
                                   {"Exact", T::string, "string"},
                                   {"Prefix", T::string, "string"},
                                   {"Suffix", T::string, "string"},
                                   {"Contains", T::string, "string"},
                                   {"Regex", T::string, "string"},
                                   {"Invert", T::boolean, "bool"},
                                   {"IgnoreCase", T::boolean, "bool", nullptr, T::any, "ignore_case"},
                               }};
const Struct kHttpPermission{"IntentionHTTPPermission",
                             {
                                 {"PathExact", T::string, "string", nullptr, T::any, "path_exact"},
                                 {"PathPrefix", T::string, "string", nullptr, T::any, "path_prefix"},
                                 {"PathRegex", T::string, "string", nullptr, T::any, "path_regex"},
                                 {"Header", T::list, "[]%.IntentionHTTPHeaderPermission", &kHeaderPermission,
                                  T::object},
                                 {"Methods", T::list, "[]string", nullptr, T::string},
                             }};
const Struct kPermission{"IntentionPermission",
                         {
                             {"Action", T::string, "%.IntentionAction"},
                             {"HTTP", T::object, "%.IntentionHTTPPermission", &kHttpPermission},
                             {"JWT", T::object, "%.IntentionJWTRequirement", &kJwtRequirement},
                         }};
const Struct kSourceIntention{
    "SourceIntention",
    {
        {"Name", T::string, "string"},
        {"Peer", T::string, "string"},
        {"Partition", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"Namespace", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"SamenessGroup", T::string, "string", nullptr, T::any, "sameness_group"},
        {"Action", T::string, "%.IntentionAction"},
        {"Permissions", T::list, "[]*%.IntentionPermission", &kPermission, T::object},
        {"Precedence", T::integer, "int", nullptr, T::any, "", kAll, false},
        {"Type", T::string, "%.IntentionSourceType", nullptr, T::any, "", kAll, false},
        {"Description", T::string, "string"},
        {"LegacyID", T::string, "string", nullptr, T::any, "legacy_id"},
        {"LegacyMeta", T::string_map, "map[string]string", nullptr, T::any, "legacy_meta"},
        {"LegacyCreateTime", T::time, "*time.Time", nullptr, T::any, "legacy_create_time"},
        {"LegacyUpdateTime", T::time, "*time.Time", nullptr, T::any, "legacy_update_time"},
    }};
const Struct kServiceIntentions{
    "ServiceIntentionsConfigEntry",
    {
        {"Kind", T::string, "string", nullptr, T::any, "", kAll, false},
        {"Name", T::string, "string", nullptr, T::any, "", kAll, false},
        {"Partition", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"Namespace", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"Sources", T::list, "[]*%.SourceIntention", &kSourceIntention, T::object, "", kAll, false},
        {"JWT", T::object, "*%.IntentionJWTRequirement", &kJwtRequirement},
        {"Meta", T::string_map, "map[string]string"},
        {"Hash", T::uint64, "uint64", nullptr, T::any, "", kServer},
        {"CreateIndex", T::uint64, "uint64", nullptr, T::any, "", kApi | kServerIgnores, false},
        {"ModifyIndex", T::uint64, "uint64", nullptr, T::any, "", kApi | kServerIgnores, false},
        {"RaftIndex", T::object, "structs.RaftIndex", &kRaftIndex, T::any, "", kServer},
    }};

// --- proxy-defaults (decoded for unknown keys; no rules yet) ----------------
const Struct kTransparentProxy{"TransparentProxyConfig",
                               {
                                   {"OutboundListenerPort", T::integer, "int", nullptr, T::any,
                                    "outbound_listener_port"},
                                   {"DialedDirectly", T::boolean, "bool", nullptr, T::any, "dialed_directly"},
                               }};
const Struct kMeshGateway{"MeshGatewayConfig", {{"Mode", T::string, "%.MeshGatewayMode"}}};
const Struct kExposePath{"ExposePath",
                         {
                             {"ListenerPort", T::integer, "int", nullptr, T::any, "listener_port"},
                             {"Path", T::string, "string"},
                             {"LocalPathPort", T::integer, "int", nullptr, T::any, "local_path_port"},
                             {"Protocol", T::string, "string"},
                             {"ParsedFromCheck", T::boolean, "bool"},
                         }};
const Struct kExpose{"ExposeConfig",
                     {
                         {"Checks", T::boolean, "bool"},
                         {"Paths", T::list, "[]%.ExposePath", &kExposePath, T::object},
                     }};
const Struct kAccessLogs{"AccessLogsConfig",
                         {
                             {"Enabled", T::boolean, "bool"},
                             {"DisableListenerLogs", T::boolean, "bool", nullptr, T::any, "disable_listener_logs"},
                             {"Type", T::string, "%.LogSinkType"},
                             {"Path", T::string, "string"},
                             {"JSONFormat", T::string, "string", nullptr, T::any, "json_format"},
                             {"TextFormat", T::string, "string", nullptr, T::any, "text_format"},
                         }};
const Struct kEnvoyExtension{"EnvoyExtension",
                             {
                                 {"Name", T::string, "string"},
                                 {"Required", T::boolean, "bool"},
                                 {"Arguments", T::any_map, "map[string]interface {}"},
                                 {"ConsulVersion", T::string, "string", nullptr, T::any, "consul_version"},
                                 {"EnvoyVersion", T::string, "string", nullptr, T::any, "envoy_version"},
                             }};
const Struct kFailoverPolicy{"ServiceResolverFailoverPolicy",
                             {
                                 {"Mode", T::string, "string"},
                                 {"Regions", T::list, "[]string", nullptr, T::string},
                             }};
const Struct kPrioritize{"ServiceResolverPrioritizeByLocality", {{"Mode", T::string, "string"}}};
const Struct kProxyDefaults{
    "ProxyConfigEntry",
    {
        {"Kind", T::string, "string", nullptr, T::any, "", kAll, false},
        {"Name", T::string, "string", nullptr, T::any, "", kAll, false},
        {"Partition", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"Namespace", T::string, "string", nullptr, T::any, "", kApiEnt},
        {"Mode", T::string, "%.ProxyMode"},
        {"TransparentProxy", T::object, "*%.TransparentProxyConfig", &kTransparentProxy, T::any, "transparent_proxy"},
        {"MutualTLSMode", T::string, "%.MutualTLSMode", nullptr, T::any, "mutual_tls_mode"},
        {"Config", T::any_map, "map[string]interface {}"},
        {"MeshGateway", T::object, "%.MeshGatewayConfig", &kMeshGateway, T::any, "mesh_gateway"},
        {"Expose", T::object, "%.ExposeConfig", &kExpose},
        {"AccessLogs", T::object, "*%.AccessLogsConfig", &kAccessLogs, T::any, "access_logs"},
        {"EnvoyExtensions", T::list, "[]%.EnvoyExtension", &kEnvoyExtension, T::object, "envoy_extensions"},
        {"FailoverPolicy", T::object, "*%.ServiceResolverFailoverPolicy", &kFailoverPolicy, T::any, "failover_policy"},
        {"PrioritizeByLocality", T::object, "*%.ServiceResolverPrioritizeByLocality", &kPrioritize, T::any,
         "prioritize_by_locality"},
        {"Meta", T::string_map, "map[string]string"},
        {"Hash", T::uint64, "uint64", nullptr, T::any, "", kServer},
        {"CreateIndex", T::uint64, "uint64", nullptr, T::any, "", kApi | kServerIgnores, false},
        {"ModifyIndex", T::uint64, "uint64", nullptr, T::any, "", kApi | kServerIgnores, false},
        {"RaftIndex", T::object, "structs.RaftIndex", &kRaftIndex, T::any, "", kServer},
    }};

}  // namespace

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"exported-services", &kExportedServices},
      {"service-intentions", &kServiceIntentions},
      {"proxy-defaults", &kProxyDefaults},
  };
  return k;
}

const Kind* find(std::string_view kind) {
  for (const Kind& k : kinds()) {
    if (kind == k.kind) return &k;
  }
  return nullptr;
}

}  // namespace entryc::consul::schema
