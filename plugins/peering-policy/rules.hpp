// One class per rule; each is defined in the file named after its id. Every
// rule checks the "project" document (project.hpp).
#pragma once

#include "entryc/plugin_sdk.hpp"

namespace peering {

using entryc::sdk::Rule;

#define PEERING_RULE(Name) \
  class Name final : public Rule { \
   public: \
    void check(const entryc::sdk::Document& doc, entryc::sdk::Reporter& out) const override; \
  }

PEERING_RULE(UnknownPeer);
PEERING_RULE(PeerNotEstablished);
PEERING_RULE(UnknownPartition);
PEERING_RULE(UnknownSamenessGroup);
PEERING_RULE(IntentionNotExported);
PEERING_RULE(DeadExport);
PEERING_RULE(IntentionWrongSide);
PEERING_RULE(TokenCannotReadImports);
PEERING_RULE(MeshGatewayToken);
PEERING_RULE(SameDatacenter);
PEERING_RULE(ConsulVersion);
PEERING_RULE(InvalidPeerName);
PEERING_RULE(PeerNameReused);
PEERING_RULE(ExportNamePartition);

#undef PEERING_RULE

}  // namespace peering
