// service-intentions: what the server does to an entry on write (Normalize,
// the Validate rules a plan can still trip, §3.2–3.3), precedence and the
// IntentionPrecedenceSorter order (§3.5), and the compiled form the decision
// path walks (§3.6): sources as interned integers in match order, L7
// permissions with their regular expressions compiled once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "config_entries.hpp"
#include "world.hpp"

namespace entryc::runtime::intentions {

// computeIntentionPrecedence: 9 (exact → exact) down to 1 (*/* → */*).
int precedence(std::string_view src_ns, std::string_view src_name, std::string_view dst_ns, std::string_view dst_name);

// One intention as IntentionPrecedenceSorter sees it.
struct SortKey {
  std::string source_sameness_group, source_peer, source_partition, source_ns, source_name;
  std::string destination_partition, destination_ns, destination_name;
  int precedence = 0;
};
// Precedence descending, then ascending by sameness group, peer, partition,
// namespace and name of the source, then partition, namespace and name of the
// destination.
bool precedes(const SortKey& a, const SortKey& b);

using config::Rejection;

// PUT /v1/config for a service-intentions body: decode (unknown keys, CE's
// rejected Namespace/Partition), Normalize, Validate. On success `out` is
// the entry as GET /v1/config returns it, without the Raft indexes.
std::optional<Rejection> normalize(const Json& body, bool enterprise, Json& out);

// --- compiled form -----------------------------------------------------------

// A compiled regular expression (std::regex, ECMAScript, matched in full
// like RE2's full match). Kept opaque: <regex> stays in one file.
struct Regex;
// Null when the pattern does not compile: such a rule never matches.
std::shared_ptr<const Regex> compile_regex(const std::string& pattern);
bool full_match(const Regex& re, std::string_view text);

enum class PathMatch : std::uint8_t { none, exact, prefix, regex };
enum class HeaderMatch : std::uint8_t { present, exact, prefix, suffix, contains, regex };

struct HeaderRule {
  std::string name;
  HeaderMatch match = HeaderMatch::present;
  std::string value;
  std::shared_ptr<const Regex> re;  // null when the pattern does not compile: never matches
  bool invert = false;
  bool ignore_case = false;
};

struct Permission {
  bool allow = false;
  PathMatch path_match = PathMatch::none;
  std::string path;
  std::shared_ptr<const Regex> path_re;
  std::vector<HeaderRule> headers;
  std::vector<std::string> methods;  // upper case; empty: any method
  bool jwt = false;                  // a JWT requirement: the model has no tokens, so it never holds
};

struct Source {
  Id name = kNoId, ns = kNoId, partition = kNoId, peer = kNoId;  // peer kNoId: a local source
  std::string sameness_group;  // such sources never match here (Enterprise, not modelled)
  int precedence = 0;
  bool allow = false;                   // L4
  std::vector<Permission> permissions;  // L7 when not empty
  std::uint32_t index = 0;              // position in the stored entry's Sources
  std::string text;                     // Intention.String(): "peer(east)/default/web => default/api (...)"
};

// What the decision path compares, packed apart from the rest of a source
// so that a scan touches 20 bytes per candidate, not a whole Source.
struct MatchKey {
  Id name = kNoId, ns = kNoId, partition = kNoId, peer = kNoId;
  bool allow = false;
  bool l7 = false;
};
// The peer of a sameness-group source: equal to no caller's peer.
inline constexpr Id kSamenessPeer = kNoId - 1;

struct Compiled {
  std::string kind_name;        // "service-intentions/<name>"
  std::vector<Source> sources;  // in IntentionPrecedenceSorter order: the first match decides
  std::vector<MatchKey> keys;   // sources[i]'s match fields, same order
};

// Compiles a stored (normalized) entry of `partition`; names are interned in
// `names` and `*` must already be interned there.
Compiled compile(const Json& stored, std::string_view partition, bool enterprise, Interner& names);

// Whether an L7 permission's HTTP rules (and JWT requirement) match the request.
bool matches(const Permission& p, const Request& req);

// "Permissions[1]: PathPrefix \"/api\", Methods GET" for explanations.
std::string describe(const Permission& p, std::size_t index);

}  // namespace entryc::runtime::intentions
