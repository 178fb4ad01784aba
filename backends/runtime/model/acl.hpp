// Consul's ACL system as far as the runtime needs it (consul-semantics.md
// §4): policy rules parsed from HCL/JSON text with the project's parser,
// validated in Consul's order, merged (policy_merger.go), and an authorizer
// with Consul's lookup (exact beats prefix, longest prefix wins), the
// any-allowed / all-allowed aggregates and the imported-data read rule,
// chained in front of the default policy.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace entryc::runtime::acl {

// Block rules, in the order PolicyRules.Validate checks them.
enum class Block : std::uint8_t {
  agent,
  agent_prefix,
  key,
  key_prefix,
  node,
  node_prefix,
  service,
  service_prefix,
  session,
  session_prefix,
  event,
  event_prefix,
  query,
  query_prefix
};
inline constexpr std::size_t kBlocks = 14;
// Scalar rules, in Validate order after the blocks (acl comes first of all).
enum class Scalar : std::uint8_t { acl, keyring, operator_, mesh, peering };
inline constexpr std::size_t kScalars = 5;

std::string_view name_of(Block b);
std::string_view name_of(Scalar s);

struct Rule {
  std::string name;        // the label: service name, node name, key prefix ...
  std::string policy;      // as written (levels are compared case-insensitively when enforced)
  std::string intentions;  // service / service_prefix only
  std::string origin;      // which policy or identity it came from (for explanations)
};

struct Rules {
  std::array<std::vector<Rule>, kBlocks> blocks;
  std::array<std::string, kScalars> scalars;
  const std::vector<Rule>& of(Block b) const { return blocks[static_cast<std::size_t>(b)]; }
  std::vector<Rule>& of(Block b) { return blocks[static_cast<std::size_t>(b)]; }
  std::string& scalar(Scalar s) { return scalars[static_cast<std::size_t>(s)]; }
  const std::string& scalar(Scalar s) const { return scalars[static_cast<std::size_t>(s)]; }
};

// acl.NewPolicyFromSource: the rules, or Consul's error text
// ("Failed to parse ACL rules: ...", "Invalid service policy: &acl.ServiceRule{...}").
struct Parsed {
  Rules rules;
  std::string error;
};
Parsed parse_rules(std::string_view text, std::string_view origin = {});

// acl/validation.go: the policy-name checks of PolicySet, "" when valid.
std::string validate_policy_name(std::string_view name);

// The rules Consul's templated policies grant.
Rules service_identity(std::string_view service);  // builtin/service
Rules mesh_gateway_identity();                     // builtin/mesh-gateway

// policy_merger.go: deny > write > list > read > anything else, compared
// case-sensitively; service policy and intentions merge independently.
bool takes_precedence(std::string_view a, std::string_view b);
Rules merge(const std::vector<const Rules*>& parts);

enum class Decision : std::uint8_t { allow, deny, abstain };
enum class Access : std::uint8_t { read, list, write };
const char* to_string(Decision d);
const char* to_string(Access a);

// A decision and the rule behind it, written like the rule itself:
// `service "web" { policy = "write" }` (from policy "frontend").
struct Verdict {
  Decision decision = Decision::abstain;
  std::string rule;  // empty when no rule decided
};

class Authorizer {
 public:
  Authorizer() = default;
  explicit Authorizer(const Rules& merged);

  Verdict service(std::string_view name, Access a) const;
  Verdict node(std::string_view name, Access a) const;
  Verdict intention(std::string_view name, Access a) const;
  Verdict key(std::string_view name, Access a) const;
  Verdict service_write_any() const;  // any-allowed
  Verdict service_read_all() const;   // all-allowed
  Verdict node_read_all() const;      // all-allowed
  Verdict intention_read_any() const;
  Verdict intention_write_all() const;
  Verdict mesh(Access a) const;     // falls back to operator
  Verdict peering(Access a) const;  // falls back to operator
  Verdict operator_access(Access a) const;
  Verdict acl(Access a) const;
  // Reads of data imported from a peer (§4.5): service:write on any service,
  // else read on all services (nodes) with no deny anywhere.
  Verdict imported_service_read() const;
  Verdict imported_node_read() const;

 private:
  struct Leaf {
    std::optional<std::string> exact, prefix;
    std::string exact_origin, prefix_origin;
    bool derived_exact = false, derived_prefix = false;  // intentions derived from the service policy
  };
  using Family = std::map<std::string, Leaf, std::less<>>;
  enum Fam : std::uint8_t { kService, kIntention, kNode, kKey, kAgent, kSession, kEvent, kQuery, kFamilies };

  Verdict lookup(Fam f, std::string_view name, Access a) const;
  Verdict any_allowed(Fam f, Access a) const;
  Verdict all_allowed(Fam f, Access a) const;
  Verdict scalar(Scalar s, Access a) const;
  std::string describe(Fam f, const std::string& name, bool prefix, const Leaf& leaf) const;

  std::array<Family, kFamilies> families_;
  std::array<std::string, kScalars> scalars_;
  std::array<std::string, kScalars> scalar_origins_;
};

// The chain behind a token's authorizer (§4.6): ACLs off allow everything;
// what the token abstains on goes to the default policy, which never grants
// acl:* access.
struct Chain {
  bool enabled = false;
  bool default_allow = true;
};
bool resolve(const Chain& chain, Decision policy, bool acl_resource = false);

}  // namespace entryc::runtime::acl
