// Consul's ACL policy parser (acl.NewPolicyFromSource, CE) over the generic
// tree hcl.Decode gives for the rules text, as the host hands it to us:
// blocks are lists of one map, labelled blocks nest
// ({"service":[{"web":[{"policy":"read"}]}]}), keys keep the user's spelling.
//
// HashiCorp's decoder (hcl.DecodeObject into acl.Policy) is emulated on that
// tree: rule types match case-insensitively, unknown keys are ignored,
// labelled blocks carry their name, scalar rules are strings (numbers and
// bools keep their text), and the shapes it rejects are recorded with its
// error text. Then PolicyRules.Validate, in its fixed order.
// See ../shared/consul-semantics.md §4.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entryc/plugin_sdk.hpp"

namespace acl {

using entryc::sdk::Json;
using entryc::sdk::Value;
using entryc::sdk::Path;

// The rule types of acl.PolicyRules, in field order: the order Consul's
// decoder visits them and the order PolicyRules.Validate checks them.
enum class Type : std::uint8_t {
  acl, agent, agent_prefix, key, key_prefix, node, node_prefix, service, service_prefix, session,
  session_prefix, event, event_prefix, query, query_prefix, keyring, operator_, mesh, peering
};
inline constexpr std::size_t kTypes = 19;

struct TypeInfo {
  Type type;
  std::string_view name;        // the HCL key and the word in Consul's message: "service_prefix"
  bool scalar;                  // acl, keyring, operator, mesh, peering: a level string
  std::string_view field;       // acl.PolicyRules field: "ServicePrefixes", "Keyring"
  std::string_view go_struct;   // "ServiceRule" (block rules)
  std::string_view name_field;  // the field holding the label: "Name", "Node", "Prefix", "Event"
  bool allows_list;             // key, key_prefix accept "list"
  bool has_intentions;          // service, service_prefix
  bool enterprise_rule;         // the struct embeds EnterpriseRule (key, node, service)
};

const TypeInfo& info(Type t);
const std::array<TypeInfo, kTypes>& types();
// The rule type a key names (Consul matches them case-insensitively).
std::optional<Type> type_of(std::string_view key);

std::string lower(std::string_view s);
// acl.isPolicyValid: deny, read, write (and list when allowed), any case.
bool valid_level(std::string_view level, bool allow_list);
// "service 'web'", "service_prefix ''", "operator".
std::string describe(Type t, std::string_view name);

// A level as written: policy = "read", intentions = "write", acl = "read".
// Where it is written is made into a Path only for a finding (Rule::path,
// Scalar::path): most rules of a policy never need one.
struct Level {
  bool present = false;
  bool broken = false;  // a shape HashiCorp's decoder rejects (see Policy::shapes)
  bool number = false;  // a number or bool: Consul keeps its text
  std::string text;     // what Consul's decoder stores
  std::string_view key;  // its key as written ("policy", "Intentions"); empty: the rule's own attribute
};

struct Rule {
  Type type;
  // Views of the document's strings, as the keys are (a policy lives as long as its document).
  std::string_view type_key;  // the user's spelling of the rule type
  std::string_view name;      // the label (Name, Node, Prefix or Event)
  std::size_t block = 0;  // its block in the type key's list: type_key[block]
  static constexpr std::size_t kNoBody = ~std::size_t{0};
  std::size_t body = kNoBody;     // which body of the label: name[body] (none: an attribute)
  std::optional<Path> body_path;  // the body when it is not name[body] (extra labels)
  // false: `x = "y"` inside a block without a label, which Consul's decoder
  // reads as a rule named 'x' (its policy is "y" only when x is 'policy').
  bool labelled = true;
  Level policy, intentions;
  std::size_t index = 0;  // the decoder's index in its error texts: root.service[<index>]
  std::size_t seq = 0;    // position in Consul's list for the type (acl.Policy.Services[seq])

  Path label() const;               // service[0].web; at_key() is the label itself
  Path at() const;                  // its body (service[0].web[0]), or the attribute itself
  Path path(const Level& l) const;  // service[0].web[0].policy
};

struct Scalar {
  Type type;
  std::string key;  // the user's spelling
  Level level;
  Path path() const { return Path() / key; }
};

// A shape HashiCorp's decoder rejects (fatal), or one it accepts with a
// meaning the author surely did not intend (not fatal).
struct Shape {
  Type type;
  Path path;
  bool at_key = false;
  bool fatal = true;
  std::string decoder;  // the decoder's error text (without its "At L:C: " position)
  std::string summary, detail;
  long order = 0;  // fatal: position in the decoder's walk
};

struct UnknownKey {
  Path path;  // report at_key()
  std::string key;
  std::optional<Type> in;            // the rule type whose block holds it; nullopt: top level
  std::optional<std::size_t> rule;  // its rule: Policy::of(*in)[*rule]
};

struct Policy {
  std::vector<Scalar> scalars;                  // every assignment, in order; the last of a type wins
  std::array<std::vector<Rule>, kTypes> rules;  // block rules, each list in Consul's order
  std::vector<Shape> shapes;
  std::vector<UnknownKey> unknown;
  std::vector<std::pair<Path, std::string>> identity;    // identity / identity_prefix keys
  std::vector<std::pair<Path, std::string>> enterprise;  // namespace / partition [_prefix] keys

  const Scalar* effective(Type t) const;  // the scalar Consul keeps (the last one)
  const std::vector<Rule>& of(Type t) const { return rules[static_cast<std::size_t>(t)]; }
  std::optional<std::string> decode_error() const;  // the first fatal shape, as Consul prints it
};

// Parses the generic tree. Unknown and ENT keys are recorded, never fatal.
Policy parse(const Value& root);
// The document's policy, parsed once and shared by the rules.
const Policy& parse(const entryc::sdk::Document& doc);

// PolicyRules.Validate, every failure in Consul's order.
enum class Fault { invalid_policy, list_not_allowed, invalid_intentions };
struct Violation {
  Fault fault;
  Type type;
  const Rule* rule = nullptr;      // block rules
  const Scalar* scalar = nullptr;  // scalar rules
  std::string consul;              // Consul's message
  long order = 0;
};
std::vector<Violation> validate(const Policy& p);
// The document's, found once and shared by the rules.
const std::vector<Violation>& validate(const entryc::sdk::Document& doc);

// %#v of a rule: &acl.ServiceRule{Name:"foo", Policy:"nope", Intentions:"", EnterpriseRule:acl.EnterpriseRule{}}
std::string go_rule(const Rule& r);

// What acl.NewPolicyFromSource returns: its error (nullopt when accepted).
std::optional<std::string> consul_error(const Policy& p);

// The parsed acl.Policy, flattened like Go's encoding/json renders it
// (../shared/conformance/acl/*/expected.json); empty lists omitted.
Json to_json(const Policy& p);

// policy_merger.go's takesPrecedenceOver: deny > write > list > read >
// anything else, compared case-sensitively.
bool takes_precedence(std::string_view a, std::string_view b);

}  // namespace acl
