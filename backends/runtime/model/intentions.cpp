#include "intentions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "config_entries.hpp"

namespace entryc::runtime::intentions {

namespace {

using config::Field;
using config::Schema;

Field plain(std::string_view name) { return Field{name, nullptr, {}, false}; }
Field nested(std::string_view name, const Schema& s) { return Field{name, &s, {}, false}; }
Field aliased(std::string_view name, std::string_view alias, const Schema* s = nullptr) {
  return Field{name, s, {alias}, false};
}
Field enterprise(std::string_view name) { return Field{name, nullptr, {}, true}; }

// The server structs (agent/structs/config_entry_intentions.go), field order kept.
const Schema& entry_schema() {
  static const Schema claim{{plain("Path"), plain("Value")}};
  static const Schema provider{{plain("Name"), aliased("VerifyClaims", "verify_claims", &claim)}};
  static const Schema jwt{{nested("Providers", provider)}};
  static const Schema header{{plain("Name"), plain("Present"), plain("Exact"), plain("Prefix"), plain("Suffix"),
                              plain("Contains"), plain("Regex"), plain("Invert"),
                              aliased("IgnoreCase", "ignore_case")}};
  static const Schema http{{aliased("PathExact", "path_exact"), aliased("PathPrefix", "path_prefix"),
                            aliased("PathRegex", "path_regex"), nested("Header", header), plain("Methods")}};
  static const Schema permission{{plain("Action"), nested("HTTP", http), nested("JWT", jwt)}};
  static const Schema source{{plain("Name"), enterprise("Namespace"), enterprise("Partition"), plain("Peer"),
                              aliased("SamenessGroup", "sameness_group"), plain("Action"),
                              nested("Permissions", permission), plain("Precedence"), aliased("LegacyID", "legacy_id"),
                              plain("Type"), plain("Description"), aliased("LegacyMeta", "legacy_meta"),
                              aliased("LegacyCreateTime", "legacy_create_time"),
                              aliased("LegacyUpdateTime", "legacy_update_time")}};
  static const Schema entry{{plain("Kind"), plain("Name"), enterprise("Namespace"), enterprise("Partition"),
                             nested("Sources", source), nested("JWT", jwt), plain("Meta"), plain("Hash")}};
  return entry;
}

// mapstructure's weak decoding into a string field.
std::string weak_str(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "1" : "0";
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number()) return fmt::format("{}", it->get<double>());
  return {};
}

bool weak_bool(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    return s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True";
  }
  return false;
}

const Json& list_of(const Json& obj, const char* key) {
  static const Json empty = Json::array();
  const auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : empty;
}

int count_exact(std::string_view ns, std::string_view name) {
  if (ns == "*") return 0;
  return name == "*" ? 1 : 2;
}

bool partial_wildcard(std::string_view s) { return s != "*" && s.find('*') != std::string_view::npos; }

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string jwt_error(const Json& jwt) {
  if (!jwt.is_object()) return {};
  std::vector<std::string> errors;
  for (const Json& p : list_of(jwt, "Providers")) {
    if (weak_str(p, "Name").empty()) errors.emplace_back("JWT provider name is required");
  }
  return errors.empty() ? std::string() : multierror(errors);
}

// The permission rules P1–P12 (§3.3).
std::string permission_error(const Json& perm, std::size_t i, std::size_t j) {
  const std::string at = fmt::format("Sources[{}].Permissions[{}]", i, j);
  const std::string action = weak_str(perm, "Action");
  if (action != "allow" && action != "deny") return at + ".Action must be set to 'allow' or 'deny'";
  const auto http_it = perm.find("HTTP");
  if (http_it == perm.end() || !http_it->is_object()) return at + ".HTTP is required";
  const Json& http = *http_it;
  const std::string exact = weak_str(http, "PathExact"), prefix = weak_str(http, "PathPrefix"),
                    regex = weak_str(http, "PathRegex");
  if (!exact.empty() && exact.front() != '/')
    return fmt::format("{}.HTTP.PathExact doesn't start with '/': {}", at, go_quote(exact));
  if (!prefix.empty() && prefix.front() != '/') {
    return fmt::format("{}.HTTP.PathPrefix doesn't start with '/': {}", at, go_quote(prefix));
  }
  if (int{!exact.empty()} + int{!prefix.empty()} + int{!regex.empty()} > 1) {
    return at + ".HTTP should only contain at most one of PathExact, PathPrefix, or PathRegex";
  }
  const Json& headers = list_of(http, "Header");
  for (std::size_t k = 0; k < headers.size(); ++k) {
    const Json& h = headers[k];
    const std::string hat = fmt::format("{}.HTTP.Header[{}]", at, k);
    if (weak_str(h, "Name").empty()) return hat + " missing required Name field";
    const bool present = weak_bool(h, "Present");
    const bool re = !weak_str(h, "Regex").empty();
    const int count = int{present} + int{!weak_str(h, "Exact").empty()} + int{re} +
                      int{!weak_str(h, "Prefix").empty()} + int{!weak_str(h, "Suffix").empty()} +
                      int{!weak_str(h, "Contains").empty()};
    if (count != 1) return hat + " should only contain one of Present, Exact, Prefix, Suffix, Contains, or Regex";
    if (weak_bool(h, "IgnoreCase") && (present || re)) {
      return hat + " should set one of Exact, Prefix, Suffix, or Contains when using IgnoreCase";
    }
  }
  static const std::set<std::string> kMethods = {"GET",    "HEAD",    "POST",    "PUT",  "PATCH",
                                                 "DELETE", "CONNECT", "OPTIONS", "TRACE"};
  const Json& methods = list_of(http, "Methods");
  std::set<std::string> seen;
  for (const Json& m : methods) {
    const std::string method = m.is_string() ? m.get<std::string>() : std::string();
    if (!kMethods.count(method))
      return fmt::format("{}.HTTP.Methods contains an invalid method {}", at, go_quote(method));
    if (!seen.insert(method).second)
      return fmt::format("{}.HTTP.Methods contains {} more than once", at, go_quote(method));
  }
  if (exact.empty() && prefix.empty() && regex.empty() && headers.empty() && methods.empty()) {
    return at + ".HTTP should not be empty";
  }
  const auto jwt = perm.find("JWT");
  if (jwt != perm.end()) return jwt_error(*jwt);
  return {};
}

struct Dest {
  std::string name, ns, partition;
};

// The per-source rules S1–S21, the permissions, then the duplicate check (§3.3).
std::string source_error(const Json& src, std::size_t i, const Dest& dst, bool enterprise,
                         std::set<std::tuple<std::string, std::string, std::string>>& seen) {
  const std::string at = fmt::format("Sources[{}]", i);
  const std::string name = weak_str(src, "Name"), peer = weak_str(src, "Peer"), sg = weak_str(src, "SamenessGroup");
  const std::string ns = weak_str(src, "Namespace"), part = weak_str(src, "Partition");
  if (name.empty()) return at + ".Name is required";
  if (!enterprise && !sg.empty()) return at + ".SamenessGroup: Sameness groups are a Consul Enterprise feature. ";
  if (partial_wildcard(ns)) return at + ".Namespace: wildcard character '*' cannot be used with partial values";
  if (partial_wildcard(name)) return at + ".Name: wildcard character '*' cannot be used with partial values";
  if (ns == "*" && name != "*") return at + ".Name: exact value cannot follow wildcard namespace";
  if (part.find('*') != std::string::npos) return at + ".Partition: cannot use wildcard '*' in partition";
  if (peer.find('*') != std::string::npos) return at + ".Peer: cannot use wildcard '*' in peer";
  if (sg.find('*') != std::string::npos) return at + ".SamenessGroup: cannot use wildcard '*' in sameness group";
  if (!peer.empty() && !part.empty()) return at + ".Peer: cannot set Peer and Partition at the same time.";
  if (!sg.empty() && !part.empty())
    return at + ".SamenessGroup: cannot set SamenessGroup and Partition at the same time";
  if (!sg.empty() && !peer.empty()) return at + ".SamenessGroup: cannot set SamenessGroup and Peer at the same time";
  if (weak_str(src, "Description").size() > 512) return at + ".Description exceeds maximum length 512";
  const auto legacy_meta = src.find("LegacyMeta");
  if (legacy_meta != src.end() && legacy_meta->is_object() && !legacy_meta->empty())
    return at + ".LegacyMeta must be omitted";
  const Json& perms = list_of(src, "Permissions");
  const std::string action = weak_str(src, "Action");
  if (perms.empty() && action != "allow" && action != "deny") return at + ".Action must be set to 'allow' or 'deny'";
  if (!perms.empty() && !action.empty()) return at + ".Action must be omitted if Permissions are specified";
  if (!perms.empty() && (dst.name == "*" || dst.ns == "*")) {
    return at + ".Permissions cannot be specified on intentions with wildcarded destinations";
  }
  if (weak_str(src, "Type") != "consul") return at + ".Type must be set to 'consul'";
  for (std::size_t j = 0; j < perms.size(); ++j) {
    if (std::string e = permission_error(perms[j], i, j); !e.empty()) return e;
  }
  // In CE the service is rendered as its bare name (ServiceName.String()).
  const std::string shown = enterprise && !ns.empty() ? ns + "/" + name : name;
  if (!seen.emplace(peer, sg, (part.empty() ? "" : part + "/") + shown).second) {
    if (!peer.empty()) return fmt::format("{} defines peer({}) {} more than once", at, go_quote(peer), go_quote(shown));
    if (!sg.empty())
      return fmt::format("{} defines sameness-group({}) {} more than once", at, go_quote(sg), go_quote(shown));
    return fmt::format("{} defines {} more than once", at, go_quote(shown));
  }
  return {};
}

// The source namespace and partition after Normalize (§3.2.3b).
std::pair<std::string, std::string> source_scope(const Json& src, const Dest& dst) {
  std::string ns = weak_str(src, "Namespace"), part = weak_str(src, "Partition");
  const bool remote = !weak_str(src, "Peer").empty() || !weak_str(src, "SamenessGroup").empty();
  if (ns.empty()) ns = remote || dst.ns == "*" ? "default" : dst.ns;
  if (part.empty() && !remote) part = dst.partition;
  return {ns, part.empty() ? "default" : part};
}

}  // namespace

int precedence(std::string_view src_ns, std::string_view src_name, std::string_view dst_ns, std::string_view dst_name) {
  static constexpr int kMax[] = {3, 6, 9};
  return kMax[count_exact(dst_ns, dst_name)] - (2 - count_exact(src_ns, src_name));
}

bool precedes(const SortKey& a, const SortKey& b) {
  if (a.precedence != b.precedence) return a.precedence > b.precedence;
  return std::tie(a.source_sameness_group, a.source_peer, a.source_partition, a.source_ns, a.source_name,
                  a.destination_partition, a.destination_ns, a.destination_name) <
         std::tie(b.source_sameness_group, b.source_peer, b.source_partition, b.source_ns, b.source_name,
                  b.destination_partition, b.destination_ns, b.destination_name);
}

std::optional<Rejection> normalize(const Json& body, bool enterprise, Json& out) {
  Json e = body;
  std::vector<std::string> errors;
  config::canonicalize(e, entry_schema(), enterprise, "", errors);
  if (!errors.empty()) return Rejection{400, "Request decoding failed: " + multierror(errors)};
  if (e.contains("Sources") && !e["Sources"].is_array()) {
    return Rejection{400,
                     fmt::format("Request decoding failed: 1 error(s) decoding:\n\n* 'Sources': source data must be "
                                 "an array or slice, got {}",
                                 e["Sources"].is_object() ? "map" : json_kind(e["Sources"]))};
  }

  // Normalize.
  Dest dst{weak_str(e, "Name"), weak_str(e, "Namespace"), weak_str(e, "Partition")};
  if (dst.ns.empty()) dst.ns = "default";
  if (dst.partition.empty()) dst.partition = "default";
  Json sources = Json::array();
  std::vector<int> prec;
  for (Json src : list_of(e, "Sources")) {
    if (!src.is_object()) continue;
    if (weak_str(src, "Type").empty()) src["Type"] = "consul";
    const auto [ns, part] = source_scope(src, dst);
    if (enterprise) {
      src["Namespace"] = ns;
      if (weak_str(src, "Peer").empty() && weak_str(src, "SamenessGroup").empty()) src["Partition"] = part;
    }
    src["Precedence"] = precedence(ns, weak_str(src, "Name"), dst.ns, dst.name);
    src.erase("LegacyID");
    src.erase("LegacyCreateTime");
    src.erase("LegacyUpdateTime");
    if (src.contains("Permissions") && src["Permissions"].is_array()) {
      for (Json& p : src["Permissions"]) {
        if (!p.is_object() || !p.contains("HTTP") || !p["HTTP"].is_object()) continue;
        Json& http = p["HTTP"];
        if (!http.contains("Methods") || !http["Methods"].is_array()) continue;
        for (Json& m : http["Methods"]) {
          if (m.is_string()) m = upper(m.get<std::string>());
        }
      }
    }
    prec.push_back(src["Precedence"].get<int>());
    sources.push_back(std::move(src));
  }
  std::vector<std::size_t> order(sources.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return prec[a] > prec[b]; });

  // Validate, against the sorted sources.
  auto reject = [](std::string text) { return Rejection{500, std::move(text)}; };
  if (dst.name.empty()) return reject("Name is required");
  if (partial_wildcard(dst.ns)) return reject("Namespace: wildcard character '*' cannot be used with partial values");
  if (partial_wildcard(dst.name)) return reject("Name: wildcard character '*' cannot be used with partial values");
  if (dst.ns == "*" && dst.name != "*") return reject("Name: exact value cannot follow wildcard namespace");
  if (dst.partition.find('*') != std::string::npos) return reject("Partition: cannot use wildcard '*' in partition");
  if (e.contains("JWT")) {
    if (std::string j = jwt_error(e["JWT"]); !j.empty()) return reject(j);
  }
  if (e.contains("Meta")) {
    if (std::string m = config::meta_error(e["Meta"]); !m.empty()) return reject(m);
  }
  if (order.empty()) return reject("At least one source is required");
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (std::string err = source_error(sources[order[i]], i, dst, enterprise, seen); !err.empty()) return reject(err);
  }

  // The entry as GET /v1/config returns it (CE: no entry Namespace/Partition).
  out = Json::object();
  out["Kind"] = "service-intentions";
  out["Name"] = dst.name;
  if (enterprise) {
    out["Namespace"] = dst.ns;
    out["Partition"] = dst.partition;
  }
  Json sorted = Json::array();
  static constexpr const char* kSourceOrder[] = {"Name",          "Namespace",   "Partition",   "Peer",
                                                 "SamenessGroup", "Action",      "Permissions", "Precedence",
                                                 "Type",          "Description", "LegacyMeta"};
  for (const std::size_t i : order) {
    Json s = Json::object();
    for (const char* k : kSourceOrder) {
      const auto it = sources[i].find(k);
      if (it == sources[i].end()) continue;
      if ((it->is_string() || it->is_object() || it->is_array()) && it->empty()) continue;  // omitempty
      if (it->is_string() && it->get<std::string>().empty()) continue;
      s[k] = *it;
    }
    sorted.push_back(std::move(s));
  }
  out["Sources"] = std::move(sorted);
  if (e.contains("JWT")) out["JWT"] = e["JWT"];
  if (e.contains("Meta") && e["Meta"].is_object() && !e["Meta"].empty()) out["Meta"] = e["Meta"];
  out["Hash"] = config::content_hash(out);
  return std::nullopt;
}

Compiled compile(const Json& stored, std::string_view partition, bool enterprise, Interner& names) {
  Compiled c;
  const Dest dst{weak_str(stored, "Name"),
                 weak_str(stored, "Namespace").empty() ? "default" : weak_str(stored, "Namespace"),
                 std::string(partition)};
  c.kind_name = "service-intentions/" + dst.name;
  const std::string dest_text = (enterprise ? dst.partition + "/" : "") + dst.ns + "/" + dst.name;
  struct Pending {
    Source src;
    SortKey key;
  };
  std::vector<Pending> all;
  const Json& sources = list_of(stored, "Sources");
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Json& s = sources[i];
    Pending p;
    const auto [ns, part] = source_scope(s, dst);
    const std::string name = weak_str(s, "Name"), peer = weak_str(s, "Peer");
    p.src.name = names.intern(name);
    p.src.ns = names.intern(ns);
    p.src.partition = names.intern(part);
    p.src.peer = peer.empty() ? kNoId : names.intern(peer);
    p.src.sameness_group = weak_str(s, "SamenessGroup");
    p.src.precedence = precedence(ns, name, dst.ns, dst.name);
    p.src.allow = weak_str(s, "Action") == "allow";
    p.src.index = static_cast<std::uint32_t>(i);
    for (const Json& perm : list_of(s, "Permissions")) {
      Permission out;
      out.allow = weak_str(perm, "Action") == "allow";
      out.jwt = perm.contains("JWT");
      const Json http = perm.contains("HTTP") && perm["HTTP"].is_object() ? perm["HTTP"] : Json::object();
      if (!weak_str(http, "PathExact").empty()) {
        out.path_match = PathMatch::exact;
        out.path = weak_str(http, "PathExact");
      } else if (!weak_str(http, "PathPrefix").empty()) {
        out.path_match = PathMatch::prefix;
        out.path = weak_str(http, "PathPrefix");
      } else if (!weak_str(http, "PathRegex").empty()) {
        out.path_match = PathMatch::regex;
        out.path = weak_str(http, "PathRegex");
        out.path_re = compile_regex(out.path);
      }
      for (const Json& h : list_of(http, "Header")) {
        HeaderRule r;
        r.name = lower(weak_str(h, "Name"));  // HTTP header names are case-insensitive
        r.invert = weak_bool(h, "Invert");
        r.ignore_case = weak_bool(h, "IgnoreCase");
        if (weak_bool(h, "Present")) {
          r.match = HeaderMatch::present;
        } else if (!weak_str(h, "Exact").empty()) {
          r.match = HeaderMatch::exact;
          r.value = weak_str(h, "Exact");
        } else if (!weak_str(h, "Prefix").empty()) {
          r.match = HeaderMatch::prefix;
          r.value = weak_str(h, "Prefix");
        } else if (!weak_str(h, "Suffix").empty()) {
          r.match = HeaderMatch::suffix;
          r.value = weak_str(h, "Suffix");
        } else if (!weak_str(h, "Contains").empty()) {
          r.match = HeaderMatch::contains;
          r.value = weak_str(h, "Contains");
        } else {
          r.match = HeaderMatch::regex;
          r.value = weak_str(h, "Regex");
          r.re = compile_regex(r.value);
        }
        if (r.ignore_case) r.value = lower(r.value);
        out.headers.push_back(std::move(r));
      }
      for (const Json& m : list_of(http, "Methods")) {
        if (m.is_string()) out.methods.push_back(upper(m.get<std::string>()));
      }
      p.src.permissions.push_back(std::move(out));
    }
    const std::string src_text =
        peer.empty() ? (enterprise ? part + "/" : "") + ns + "/" + name : "peer(" + peer + ")/" + ns + "/" + name;
    p.src.text = fmt::format("{} => {} (Precedence: {}, {})", src_text, dest_text, p.src.precedence,
                             p.src.permissions.empty() ? (p.src.allow ? "Action: ALLOW" : "Action: DENY")
                                                       : fmt::format("Permissions: {}", p.src.permissions.size()));
    p.key = SortKey{p.src.sameness_group, peer, peer.empty() ? part : "", ns, name, dst.partition, dst.ns, dst.name,
                    p.src.precedence};
    all.push_back(std::move(p));
  }
  std::stable_sort(all.begin(), all.end(), [](const Pending& a, const Pending& b) { return precedes(a.key, b.key); });
  c.sources.reserve(all.size());
  c.keys.reserve(all.size());
  for (Pending& p : all) {
    const Source& s = p.src;
    c.keys.push_back(MatchKey{s.name, s.ns, s.partition, s.sameness_group.empty() ? s.peer : kSamenessPeer, s.allow,
                              !s.permissions.empty()});
    c.sources.push_back(std::move(p.src));
  }
  return c;
}

namespace {

bool ieq_char(char a, char b) {
  if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
  if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
  return a == b;
}

// `value` of a rule with IgnoreCase is stored lower case already.
bool starts(std::string_view s, std::string_view p, bool ic) {
  if (s.size() < p.size()) return false;
  return ic ? std::equal(p.begin(), p.end(), s.begin(), ieq_char) : s.substr(0, p.size()) == p;
}
bool ends(std::string_view s, std::string_view p, bool ic) {
  if (s.size() < p.size()) return false;
  return ic ? std::equal(p.begin(), p.end(), s.end() - static_cast<std::ptrdiff_t>(p.size()), ieq_char)
            : s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p, bool ic) {
  if (!ic) return s.find(p) != std::string_view::npos;
  return std::search(s.begin(), s.end(), p.begin(), p.end(), ieq_char) != s.end();
}

bool header_matches(const HeaderRule& r, const Request& req) {
  const std::pair<std::string, std::string>* found = nullptr;
  for (const auto& h : req.headers) {
    if (equal_fold(h.first, r.name)) {
      found = &h;
      break;
    }
  }
  bool m = false;
  if (r.match == HeaderMatch::present) {
    m = found != nullptr;
  } else if (found) {
    const std::string_view v = found->second;
    switch (r.match) {
      case HeaderMatch::exact:
        m = v.size() == r.value.size() &&
            (r.ignore_case ? std::equal(v.begin(), v.end(), r.value.begin(), ieq_char) : v == r.value);
        break;
      case HeaderMatch::prefix:
        m = starts(v, r.value, r.ignore_case);
        break;
      case HeaderMatch::suffix:
        m = ends(v, r.value, r.ignore_case);
        break;
      case HeaderMatch::contains:
        m = contains(v, r.value, r.ignore_case);
        break;
      case HeaderMatch::regex:
        m = r.re && full_match(*r.re, v);
        break;
      case HeaderMatch::present:
        break;
    }
  }
  return m != r.invert;
}

}  // namespace

bool matches(const Permission& p, const Request& req) {
  if (p.jwt) return false;
  // Envoy matches the path without its query string.
  std::string_view path = req.path;
  if (const std::size_t q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  switch (p.path_match) {
    case PathMatch::none:
      break;
    case PathMatch::exact:
      if (path != p.path) return false;
      break;
    case PathMatch::prefix:
      if (!path.starts_with(p.path)) return false;
      break;
    case PathMatch::regex:
      if (!p.path_re || !full_match(*p.path_re, path)) return false;
      break;
  }
  for (const HeaderRule& h : p.headers) {
    if (!header_matches(h, req)) return false;
  }
  if (!p.methods.empty()) {
    bool any = false;
    for (const std::string& m : p.methods) any = any || equal_fold(m, req.method);
    if (!any) return false;
  }
  return true;
}

std::string describe(const Permission& p, std::size_t index) {
  std::vector<std::string> parts;
  switch (p.path_match) {
    case PathMatch::none:
      break;
    case PathMatch::exact:
      parts.push_back("PathExact " + go_quote(p.path));
      break;
    case PathMatch::prefix:
      parts.push_back("PathPrefix " + go_quote(p.path));
      break;
    case PathMatch::regex:
      parts.push_back("PathRegex " + go_quote(p.path));
      break;
  }
  for (const HeaderRule& h : p.headers) parts.push_back("Header " + go_quote(h.name));
  if (!p.methods.empty()) {
    std::string m;
    for (const std::string& x : p.methods) m += (m.empty() ? "" : ",") + x;
    parts.push_back("Methods " + m);
  }
  if (p.jwt) parts.emplace_back("JWT");
  std::string all;
  for (const std::string& s : parts) all += (all.empty() ? "" : ", ") + s;
  return fmt::format("Permissions[{}] ({}: {})", index, p.allow ? "allow" : "deny", all);
}

}  // namespace entryc::runtime::intentions
