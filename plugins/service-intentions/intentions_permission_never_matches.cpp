// intentions-permission-never-matches: an L7 permission that can never
// decide, because an earlier permission of the same source matches every
// request it matches (Consul evaluates permissions in order, first match
// wins, §3.6). Conservative: only reports provable shadowing.
#include <set>
#include <utility>

#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

struct PathMatch {
  enum class Kind { any, exact, prefix, regex, invalid } kind = Kind::any;
  std::string value;
};

PathMatch path_of(const Json& http) {
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
std::string header_key(const Json& h) {
  Json k = Json::object();
  k["Name"] = upper(field(h, "Name"));
  for (const char* f : {"Exact", "Prefix", "Suffix", "Contains", "Regex"}) k[f] = field(h, f);
  for (const char* f : {"Present", "Invert", "IgnoreCase"}) k[f] = flag(h, f);
  return k.dump();
}

std::set<std::string> headers_of(const Json& http) {
  std::set<std::string> out;
  for (const Json& h : list(http, "Header")) out.insert(header_key(h));
  return out;
}

std::set<std::string> methods_of(const Json& http) {
  std::set<std::string> out;
  for (const Json& m : list(http, "Methods")) {
    if (m.is_string()) out.insert(upper(m.get<std::string>()));
  }
  return out;
}

bool requires_jwt(const Json& perm) {
  const Json* jwt = object(perm, "JWT");
  return jwt && !list(*jwt, "Providers").empty();
}

// Permission `outer` matches every request `inner` matches.
bool covers(const Json& outer, const Json& inner) {
  const Json* o = object(outer, "HTTP");
  const Json* i = object(inner, "HTTP");
  if (!o || !i) return false;
  const PathMatch op = path_of(*o);
  const std::set<std::string> oh = headers_of(*o), om = methods_of(*o);
  if (op.kind == PathMatch::Kind::any && oh.empty() && om.empty()) return false;  // an empty HTTP is rejected
  if (!path_covers(op, path_of(*i))) return false;
  const std::set<std::string> ih = headers_of(*i), im = methods_of(*i);
  for (const std::string& h : oh) {
    if (!ih.count(h)) return false;  // outer tests a header inner does not
  }
  if (!om.empty()) {
    if (im.empty()) return false;
    for (const std::string& m : im) {
      if (!om.count(m)) return false;
    }
  }
  if (requires_jwt(outer)) {
    const Json* oj = object(outer, "JWT");
    const Json* ij = object(inner, "JWT");
    if (!ij || *oj != *ij) return false;
  }
  return true;
}

}  // namespace

void PermissionNeverMatches::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Json& perms = s.permissions();
    for (std::size_t j = 1; j < perms.size(); ++j) {
      for (std::size_t k = 0; k < j; ++k) {
        if (!covers(perms[k], perms[j])) continue;
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
        break;
      }
    }
  }
}

}  // namespace intentions
