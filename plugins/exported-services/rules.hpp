// One class per rule; each is defined in the file named after its id.
#pragma once

#include "entryc/plugin_sdk.hpp"

namespace exports {

using entryc::sdk::Document;
using entryc::sdk::Reporter;
using entryc::sdk::Rule;

#define EXPORTS_RULE(Name) \
  class Name final : public Rule { \
   public: \
    void check(const Document& doc, Reporter& out) const override; \
  }

EXPORTS_RULE(NameNotDefault);
EXPORTS_RULE(MetaLimits);
EXPORTS_RULE(SamenessGroupEnterprise);
EXPORTS_RULE(ServiceNameEmpty);
EXPORTS_RULE(NamespaceWildcardName);
EXPORTS_RULE(NoConsumers);
EXPORTS_RULE(ConsumerTargets);
EXPORTS_RULE(WildcardPartition);
EXPORTS_RULE(WildcardPeer);
EXPORTS_RULE(ConsulService);
EXPORTS_RULE(PartitionConsumerCe);
EXPORTS_RULE(NamespaceCe);
EXPORTS_RULE(DuplicateService);
EXPORTS_RULE(DuplicateConsumer);
EXPORTS_RULE(EmptyConsumer);

#undef EXPORTS_RULE

}  // namespace exports
