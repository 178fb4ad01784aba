// The acl-rules plugin: Consul's parsing of ACL policy rules
// (acl.NewPolicyFromSource, CE; ../shared/consul-semantics.md §4), each
// rejection reported with Consul's text, plus what Consul silently accepts.
#include "acl_rules_docs.hpp"
#include "policy.hpp"
#include "rules.hpp"

namespace acl {
namespace {

// The parsed acl.Policy (conformance shape), or Consul's first error.
std::optional<entryc::sdk::Normalized> normalize_document(const entryc::sdk::Document& d) {
  if (d.kind != "acl-rules") return std::nullopt;
  const Policy p = parse(d.json);
  entryc::sdk::Normalized out;
  if (std::optional<std::string> e = consul_error(p)) {
    out.ok = false;
    out.error = std::move(*e);
    return out;
  }
  out.json = to_json(p);
  return out;
}

}  // namespace
}  // namespace acl

// clang-format off
ENTRYC_RULES_PLUGIN("acl-rules", "1.0.0", &acl::normalize_document,
  ENTRYC_RULE(acl::lint::InvalidPolicy, "acl-invalid-policy", error, "recommended", "acl-rules",
              "a rule's policy is not a level Consul accepts for its type", docs::acl_invalid_policy),
  ENTRYC_RULE(acl::lint::ListNotAllowed, "acl-list-not-allowed", error, "recommended", "acl-rules",
              "'list' on a rule other than key or key_prefix", docs::acl_list_not_allowed),
  ENTRYC_RULE(acl::lint::InvalidIntentions, "acl-invalid-intentions", error, "recommended", "acl-rules",
              "a service rule's intentions is not read, write or deny", docs::acl_invalid_intentions),
  ENTRYC_RULE(acl::lint::WrongShape, "acl-wrong-shape", error, "recommended", "acl-rules",
              "a rule written in a shape HashiCorp's decoder rejects or misreads", docs::acl_wrong_shape),
  ENTRYC_RULE(acl::lint::UnknownKey, "acl-unknown-key", warning, "recommended", "acl-rules",
              "a rule type or rule key Consul silently ignores", docs::acl_unknown_key),
  ENTRYC_RULE(acl::lint::DuplicateRule, "acl-duplicate-rule", warning, "recommended", "acl-rules",
              "the same rule is defined twice and Consul merges the definitions", docs::acl_duplicate_rule),
  ENTRYC_RULE(acl::lint::WriteWithoutIntentions, "acl-write-without-intentions", note, "all", "acl-rules",
              "service policy 'write' without 'intentions' does not allow writing intentions",
              docs::acl_write_without_intentions),
  ENTRYC_RULE(acl::lint::MixedCaseLevel, "acl-mixed-case-level", warning, "recommended", "acl-rules",
              "a level that is not lowercase, which Consul compares case-sensitively", docs::acl_mixed_case_level),
  ENTRYC_RULE(acl::lint::IdentityDeprecated, "acl-identity-deprecated", warning, "recommended", "acl-rules",
              "identity/identity_prefix rules are accepted and ignored", docs::acl_identity_deprecated),
  ENTRYC_RULE(acl::lint::EnterpriseOnly, "acl-enterprise-only", warning, "recommended", "acl-rules",
              "namespace/partition rules, which Consul CE ignores", docs::acl_enterprise_only))
// clang-format on
