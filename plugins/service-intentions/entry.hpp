// Reading a decoded service-intentions entry (the API's JSON shape): the
// view Consul's Validate() has of it after Normalize() (namespaces filled in,
// precedence computed, sources sorted), and Normalize() itself.
// ../shared/consul-semantics.md §3.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "entryc/plugin_sdk.hpp"

namespace intentions {

using entryc::sdk::Document;
using entryc::sdk::Json;
using entryc::sdk::Report;
using entryc::sdk::Value;

inline constexpr std::string_view kWildcard = "*";

// Readers of the entry (Value) and of what Normalize() builds (Json) alike.
// The member `key`, or end().
template <typename J>
auto member(const J& j, std::string_view key) {
  if constexpr (std::is_same_v<J, Value>) {
    return j.find(key);
  } else {
    return j.find(std::string(key));
  }
}

// A string field, or "" when absent (Go's zero value).
template <typename J>
std::string field(const J& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = member(j, key);
  return it != j.end() && it->is_string() ? it->template get<std::string>() : std::string();
}

// The key is there with a value (a Go pointer or map that is not nil).
template <typename J>
bool present(const J& j, std::string_view key) {
  if (!j.is_object()) return false;
  auto it = member(j, key);
  return it != j.end() && !it->is_null();
}

template <typename J>
bool flag(const J& j, std::string_view key) {
  if (!j.is_object()) return false;
  auto it = member(j, key);
  return it != j.end() && it->is_boolean() && it->template get<bool>();
}

// A list field, or an empty value (no elements) when absent.
template <typename J>
const J& list(const J& j, std::string_view key) {
  static const J none{};
  if (!j.is_object()) return none;
  auto it = member(j, key);
  return it != j.end() && it->is_array() ? *it : none;
}

// An object field, or nullptr (Go: a nil pointer).
template <typename J>
const J* object(const J& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = member(j, key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

inline std::string item(std::string_view base, std::size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

inline bool contains_wildcard(std::string_view s) { return s.find('*') != std::string_view::npos; }

// A user token for a summary: 'value', shortened when very long.
std::string q(std::string_view s);

inline bool valid_action(std::string_view a) { return a == "allow" || a == "deny"; }

// isValidHTTPMethod: the methods Consul accepts (already upper-cased).
bool valid_method(std::string_view m);

// Go's strings.ToUpper for the ASCII letters HTTP methods use.
std::string upper(std::string_view s);

// computeIntentionPrecedence: exact-vs-wildcard counts of (namespace, name)
// for the destination and the source; namespaces already normalized.
int precedence(std::string_view dest_ns, std::string_view dest_name, std::string_view src_ns,
               std::string_view src_name);

// One source as Consul's Validate() sees it.
struct Source {
  const Value* json = nullptr;
  std::size_t user = 0;    // position in the user's list (what the report path uses)
  std::size_t sorted = 0;  // position after Normalize's stable sort (what Consul prints)
  // Views of the document's strings (or of literals: "consul", "default").
  std::string_view name, peer, sameness_group, action, type;
  std::string_view ns;                  // NamespaceOrDefault() after Normalize
  std::string_view partition;           // PartitionOrDefault() after Normalize
  std::string_view partition_or_empty;  // PartitionOrEmpty() after Normalize
  int precedence = 0;

  // Sources[<user index>] + rest: where the finding is in the file.
  std::string path(std::string_view rest = {}) const { return item("Sources", user) + std::string(rest); }
  // Sources[<sorted index>] + rest: how Consul names it in its error.
  std::string consul(std::string_view rest = {}) const { return item("Sources", sorted) + std::string(rest); }
  bool renumbered() const { return user != sorted; }
  const Value& permissions() const { return list(*json, "Permissions"); }
  // Sources[u].Permissions[j] + rest, and Consul's Sources[i].Permissions[j] + rest.
  std::string perm(std::size_t j, std::string_view rest = {}) const {
    return path(item(".Permissions", j) + std::string(rest));
  }
  std::string consul_perm(std::size_t j, std::string_view rest = {}) const {
    return consul(item(".Permissions", j) + std::string(rest));
  }
};

// The entry as Consul's Validate() sees it.
struct Entry {
  bool enterprise = false;
  bool legacy = false;  // LegacyNormalize + LegacyValidate (options {"mode":"legacy"})
  std::string_view name;
  std::string_view ns;                        // NamespaceOrDefault()
  std::string_view partition;                 // PartitionOrDefault()
  std::vector<Source> sources;                // in the user's order
  std::vector<const Source*> sorted_sources;  // in Consul's order

  bool wildcard_destination() const { return ns == kWildcard || name == kWildcard; }
};

// The entry, read once per document and shared by the rules.
const Entry& read(const Document& doc);

// Adds a note when Consul numbers the source differently from the user;
// otherwise `message` at `path`, if given.
void renumber_note(Report& r, const Source& s, std::string message = {}, std::string path = {});
// The same sentence, for reports that carry another note.
std::string renumber_sentence(const Source& s);

// Positions in Consul's validation order (Report::order), so that the first
// report with Consul text is the error Consul itself prints first.
namespace order {
inline constexpr long kSourceSpan = 100'000'000'000'000L;  // one source
inline constexpr long kStepSpan = 1'000'000'000'000L;      // one step of a source
inline constexpr long kPermissionSpan = 1'000'000'000L;    // one permission

// I1..I8 (legacy writes use I7's slot for their Meta check).
inline constexpr long entry(int step) { return step; }
// S1..S21 and D1 of the source at Consul's index `sorted` (steps below).
inline constexpr long source(std::size_t sorted, int step, long sub = 0) {
  return static_cast<long>(std::min<std::size_t>(sorted, 90'000) + 1) * kSourceSpan + step * kStepSpan + sub;
}
// P1..P12 of permission j; `sub` orders the checks inside one permission.
inline constexpr long permission(std::size_t sorted, std::size_t j, long sub) {
  return source(sorted, 50) + static_cast<long>(std::min<std::size_t>(j, 40'000)) * kPermissionSpan + sub;
}

// Steps of a source (S<n> → n where it applies).
inline constexpr int kName = 1, kSamenessEnterprise = 2, kNamespacePartial = 3, kNamePartial = 4,
                     kExactUnderWildcard = 5, kPartitionWildcard = 6, kPeerWildcard = 7, kSamenessWildcard = 8,
                     kPeerAndPartition = 10, kSamenessAndPartition = 11, kSamenessAndPeer = 12, kDescription = 13,
                     kLegacyMeta = 14, kLegacyPeer = 14, kLegacySameness = 15, kLegacyMetaLimits = 16,
                     kLegacyCreateTime = 17, kLegacyUpdateTime = 18, kLegacyId = 19, kAction = 30,
                     kActionWithPermissions = 31, kPermissionsWildcard = 32, kType = 33, kDuplicate = 90;
// Checks inside a permission.
inline constexpr long kPermAction = 1, kPermHttp = 2, kPathExact = 3, kPathPrefix = 4, kPathCount = 5;
inline constexpr long header(std::size_t k, int check) { return 10 + static_cast<long>(k) * 10 + check; }
inline constexpr long method(std::size_t m, int check) { return 500'000'000L + static_cast<long>(m) * 2 + check; }
inline constexpr long kHttpEmpty = 900'000'000L, kPermJwt = 900'000'001L;
}  // namespace order

// ServiceIntentionsConfigEntry.Normalize / LegacyNormalize.
entryc::sdk::Normalized normalize(const Json& entry, bool enterprise, bool legacy);

// A flattened intention list with Precedence filled in, in the order of
// IntentionPrecedenceSorter.
entryc::sdk::Normalized normalize_list(const Json& rows);

}  // namespace intentions
