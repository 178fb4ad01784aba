// One class per rule; each is defined in the file named after its id.
#pragma once

#include "entryc/plugin_sdk.hpp"

// acl::lint, apart from the parsed policy's acl::Rule and acl::UnknownKey.
namespace acl::lint {

using entryc::sdk::Document;
using entryc::sdk::Reporter;

#define ACL_RULE(Name) \
  class Name final : public entryc::sdk::Rule { \
   public: \
    void check(const Document& doc, Reporter& out) const override; \
  }

ACL_RULE(InvalidPolicy);
ACL_RULE(ListNotAllowed);
ACL_RULE(InvalidIntentions);
ACL_RULE(WrongShape);
ACL_RULE(UnknownKey);
ACL_RULE(DuplicateRule);
ACL_RULE(WriteWithoutIntentions);
ACL_RULE(MixedCaseLevel);
ACL_RULE(IdentityDeprecated);
ACL_RULE(EnterpriseOnly);

#undef ACL_RULE

}  // namespace acl::lint
