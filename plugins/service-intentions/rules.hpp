// One class per rule; each is defined in the file named after its id.
#pragma once

#include "entryc/plugin_sdk.hpp"

namespace intentions {

using entryc::sdk::Document;
using entryc::sdk::Reporter;
using entryc::sdk::Rule;

#define INTENTIONS_RULE(Name)                                      \
  class Name final : public Rule {                                 \
   public:                                                         \
    void check(const Document& doc, Reporter& out) const override; \
  }

// Consul's own rejections (../shared/consul-semantics.md §3.3).
INTENTIONS_RULE(NameRequired);
INTENTIONS_RULE(WildcardPartial);
INTENTIONS_RULE(ExactUnderWildcardNamespace);
INTENTIONS_RULE(PartitionWildcard);
INTENTIONS_RULE(JwtProviderName);
INTENTIONS_RULE(MetaLimits);
INTENTIONS_RULE(NoSources);
INTENTIONS_RULE(SourceNameRequired);
INTENTIONS_RULE(SamenessGroupEnterprise);
INTENTIONS_RULE(PeerWildcard);
INTENTIONS_RULE(SamenessGroupWildcard);
INTENTIONS_RULE(SourcePeerAndPartition);
INTENTIONS_RULE(SourceSamenessGroupConflict);
INTENTIONS_RULE(DescriptionTooLong);
INTENTIONS_RULE(LegacyFields);
INTENTIONS_RULE(ActionInvalid);
INTENTIONS_RULE(ActionWithPermissions);
INTENTIONS_RULE(PermissionsWildcardDestination);
INTENTIONS_RULE(TypeInvalid);
INTENTIONS_RULE(PermissionActionInvalid);
INTENTIONS_RULE(PermissionHttpMissing);
INTENTIONS_RULE(PermissionPathSlash);
INTENTIONS_RULE(PermissionPathConflict);
INTENTIONS_RULE(HeaderNameMissing);
INTENTIONS_RULE(HeaderMatchCount);
INTENTIONS_RULE(HeaderIgnoreCase);
INTENTIONS_RULE(MethodInvalid);
INTENTIONS_RULE(MethodRepeated);
INTENTIONS_RULE(PermissionHttpEmpty);
INTENTIONS_RULE(SourceDuplicate);
// What Consul accepts but does not do what it looks like.
INTENTIONS_RULE(PeerlessWildcardSource);
INTENTIONS_RULE(PermissionNeverMatches);
INTENTIONS_RULE(LegacyFieldsIgnored);
INTENTIONS_RULE(PrecedenceIgnored);
INTENTIONS_RULE(ActionCase);

#undef INTENTIONS_RULE

}  // namespace intentions
