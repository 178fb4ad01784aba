// intentions-permission-never-matches: an L7 permission that can never
// decide, because an earlier permission of the same source matches every
// request it matches (Consul evaluates permissions in order, first match
// wins, §3.6). Conservative: only reports provable shadowing.
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entry.hpp"
#include "identity_key.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

struct PathMatch {
  enum class Kind { any, exact, prefix, regex, invalid } kind = Kind::any;
  std::string value;
};

PathMatch path_of(const Value& http) {
  using K = PathMatch::Kind;
  PathMatch p;
  int n = 0;
  for (const auto& [f, kind] :
       {std::pair{"PathExact", K::exact}, std::pair{"PathPrefix", K::prefix}, std::pair{"PathRegex", K::regex}}) {
    std::string v = field(http, f);
    if (v.empty()) continue;
    p = {kind, std::move(v)};
    ++n;
  }
  const bool slash = p.kind == K::exact || p.kind == K::prefix;
  if (n > 1 || (slash && p.value[0] != '/')) p.kind = K::invalid;
  return p;
}

// Every request path `inner` matches, `outer` matches too.
bool path_covers(const PathMatch& outer, const PathMatch& inner) {
  using K = PathMatch::Kind;
  switch (outer.kind) {
    case K::any:
      return inner.kind != K::invalid;
    case K::prefix:
      if (outer.value == "/") return inner.kind != K::invalid;  // every request path starts with '/'
      return (inner.kind == K::exact || inner.kind == K::prefix) && inner.value.rfind(outer.value, 0) == 0;
    case K::exact:
    case K::regex:
      return inner.kind == outer.kind && inner.value == outer.value;
    case K::invalid:
      return false;
  }
  return false;
}

// One header test, comparable (header names are case-insensitive).
std::string header_key(const Value& h) {
  const std::string name = upper(field(h, "Name")), exact = field(h, "Exact"), prefix = field(h, "Prefix"),
                    suffix = field(h, "Suffix"), contains = field(h, "Contains"), regex = field(h, "Regex");
  std::string k = identity::key({name, exact, prefix, suffix, contains, regex});
  for (const char* f : {"Present", "Invert", "IgnoreCase"}) k += flag(h, f) ? '1' : '0';
  return k;
}

std::set<std::string> headers_of(const Value& http) {
  std::set<std::string> out;
  for (const Value& h : list(http, "Header")) out.insert(header_key(h));
  return out;
}

std::set<std::string> methods_of(const Value& http) {
  std::set<std::string> out;
  for (const Value& m : list(http, "Methods")) {
    if (m.is_string()) out.insert(upper(m.get<std::string>()));
  }
  return out;
}

bool requires_jwt(const Value& perm) {
  const Value* jwt = object(perm, "JWT");
  return jwt && !list(*jwt, "Providers").empty();
}

// What covers() needs of one permission, computed once (a source may have
// very many permissions).
struct Perm {
  bool http = false;
  PathMatch path;
  std::set<std::string> headers, methods;
};

Perm perm_of(const Value& perm) {
  Perm p;
  const Value* h = object(perm, "HTTP");
  if (!h) return p;
  p.http = true;
  p.path = path_of(*h);
  p.headers = headers_of(*h);
  p.methods = methods_of(*h);
  return p;
}

// Permission `outer` matches every request `inner` matches.
bool covers(const Value& outer_json, const Perm& outer, const Value& inner_json, const Perm& inner) {
  if (!outer.http || !inner.http) return false;
  if (outer.path.kind == PathMatch::Kind::any && outer.headers.empty() && outer.methods.empty()) {
    return false;  // an empty HTTP is rejected
  }
  if (!path_covers(outer.path, inner.path)) return false;
  for (const std::string& h : outer.headers) {
    if (!inner.headers.count(h)) return false;  // outer tests a header inner does not
  }
  if (!outer.methods.empty()) {
    if (inner.methods.empty()) return false;
    for (const std::string& m : inner.methods) {
      if (!outer.methods.count(m)) return false;
    }
  }
  if (requires_jwt(outer_json)) {
    const Value* oj = object(outer_json, "JWT");
    const Value* ij = object(inner_json, "JWT");
    if (!ij || *oj != *ij) return false;
  }
  return true;
}

// The earlier permissions that may cover a later one, by the only paths
// that can: instead of comparing every permission with every earlier one.
class Earlier {
 public:
  void add(std::size_t k, const Perm& p) {
    using K = PathMatch::Kind;
    if (!p.http) return;
    switch (p.path.kind) {
      case K::any: universal_.push_back(k); break;
      case K::prefix:
        if (p.path.value == "/") universal_.push_back(k);
        else prefix_[p.path.value].push_back(k);
        break;
      case K::exact: exact_[p.path.value].push_back(k); break;
      case K::regex: regex_[p.path.value].push_back(k); break;
      case K::invalid: break;
    }
  }

  // The first earlier permission (in order) that covers `inner`, or npos.
  template <typename Covers>
  std::size_t first(const Perm& inner, Covers&& test) const {
    using K = PathMatch::Kind;
    std::size_t best = npos;
    auto scan = [&](const std::vector<std::size_t>& ks) {
      for (const std::size_t k : ks) {
        if (k >= best) return;
        if (test(k)) {
          best = k;
          return;
        }
      }
    };
    auto in = [&](const Map& m, std::string_view key) {
      const auto it = m.find(key);
      if (it != m.end()) scan(it->second);
    };
    if (!inner.http || inner.path.kind == K::invalid) return npos;
    scan(universal_);
    if (inner.path.kind == K::exact) in(exact_, inner.path.value);
    if (inner.path.kind == K::regex) in(regex_, inner.path.value);
    if ((inner.path.kind == K::exact || inner.path.kind == K::prefix) && !prefix_.empty()) {
      const std::string_view path = inner.path.value;
      for (std::size_t n = 1; n <= path.size(); ++n) in(prefix_, path.substr(0, n));
    }
    return best;
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  // Keys view the paths of the Perms added (they outlive this).
  using Map = std::unordered_map<std::string_view, std::vector<std::size_t>>;
  std::vector<std::size_t> universal_;
  Map prefix_, exact_, regex_;
};

}  // namespace

void PermissionNeverMatches::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    if (perms.size() < 2) continue;  // nothing before the first to shadow it
    std::vector<Perm> info;
    info.reserve(perms.size());
    for (const Value& p : perms) info.push_back(perm_of(p));
    Earlier earlier;
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const std::size_t k =
          earlier.first(info[j], [&](std::size_t c) { return covers(perms[c], info[c], perms[j], info[j]); });
      earlier.add(j, info[j]);
      if (k == Earlier::npos) continue;
      const std::string before = field(perms[k], "Action"), mine = field(perms[j], "Action");
      std::string detail =
          "Consul tries a source's permissions in order and the first one that matches decides, so this one "
          "never decides a request. Move it above the broader permission, or remove it.";
      if (valid_action(before) && valid_action(mine) && before != mine) {
        detail += " As written, its '" + mine + "' never applies: those requests get '" + before + "'.";
      }
      out.report(s.perm(j), "permission is never used: " + q(item("Permissions", k)) +
                                " already matches every request it matches")
          .detail(detail)
          .note("this permission matches first", s.perm(k));
    }
  }
}

}  // namespace intentions
