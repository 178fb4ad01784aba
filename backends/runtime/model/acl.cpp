#include "acl.hpp"

#include <fmt/format.h>

#include <span>
#include <unordered_map>

#include "common.hpp"
#include "entryc/document.hpp"

namespace entryc::runtime::acl {

namespace {

constexpr std::array<std::string_view, kBlocks> kBlockNames = {
    "agent",   "agent_prefix",   "key",   "key_prefix",   "node",  "node_prefix", "service", "service_prefix",
    "session", "session_prefix", "event", "event_prefix", "query", "query_prefix"};
constexpr std::array<std::string_view, kScalars> kScalarNames = {"acl", "keyring", "operator", "mesh", "peering"};

std::size_t idx(Block b) { return static_cast<std::size_t>(b); }

bool is_prefix_block(Block b) { return idx(b) % 2 == 1; }

// A level string as Consul's HCL decoder stores it: numbers and bools keep
// their text.
std::string scalar_text(const generic::Node* n) {
  switch (n->kind) {
    case generic::Kind::string:
      return std::string(n->str());
    case generic::Kind::integer:
      return std::to_string(n->num.i);
    case generic::Kind::floating:
      return fmt::format("{}", n->num.d);
    case generic::Kind::boolean:
      return n->num.b ? "true" : "false";
    default:
      return {};
  }
}

bool is_scalar(const generic::Node* n) { return n->kind != generic::Kind::list && n->kind != generic::Kind::map; }

class RuleReader {
 public:
  explicit RuleReader(std::string origin) : origin_(std::move(origin)) {}

  // Walks the decode view; returns the decoder's error text, or "".
  std::string read(const generic::Node* root, Rules& out) {
    if (!root || root->kind != generic::Kind::map) return {};
    for (const generic::Entry& e : root->entries()) {
      bool known = false;
      for (std::size_t s = 0; s < kScalars && !known; ++s) {
        if (!equal_fold(e.key, kScalarNames[s])) continue;
        known = true;
        if (!is_scalar(e.value)) {
          return fmt::format("root.{}: unknown type for string {}", kScalarNames[s],
                             e.value->of_maps ? "*ast.ObjectList" : "*ast.ListType");
        }
        out.scalars[s] = scalar_text(e.value);  // the last assignment wins
      }
      for (std::size_t b = 0; b < kBlocks && !known; ++b) {
        if (!equal_fold(e.key, kBlockNames[b])) continue;
        known = true;
        if (is_scalar(e.value)) return "unknown slice type: *ast.LiteralType";
        std::string err = block(static_cast<Block>(b), e.value, out);
        if (!err.empty()) return err;
      }
      // Unknown keys (typos, identity, Enterprise blocks) are ignored, as in CE.
    }
    return {};
  }

 private:
  // `service "web" { ... }` arrives as [{"web": [{body}]}]; repeated blocks
  // accumulate and a JSON object with several labels is one map.
  std::string block(Block b, const generic::Node* list, Rules& out) {
    if (list->kind == generic::Kind::map) return labels(b, list, out);
    for (const generic::Node* item : list->items()) {
      if (item->kind != generic::Kind::map) {
        return fmt::format("root.{}: not an object type for struct ({})", kBlockNames[idx(b)],
                           item->kind == generic::Kind::list ? "*ast.ListType" : "*ast.LiteralType");
      }
      std::string err = labels(b, item, out);
      if (!err.empty()) return err;
    }
    return {};
  }

  std::string labels(Block b, const generic::Node* map, Rules& out) {
    for (const generic::Entry& e : map->entries()) {
      if (is_scalar(e.value)) {
        // An unlabelled block: the decoder reads `policy = "read"` as a rule
        // named "policy" whose level is "read".
        Rule r{std::string(e.key), {}, {}, origin_};
        if (equal_fold(e.key, "policy")) r.policy = scalar_text(e.value);
        if (equal_fold(e.key, "intentions")) r.intentions = scalar_text(e.value);
        out.of(b).push_back(std::move(r));
        continue;
      }
      const auto bodies = e.value->kind == generic::Kind::list ? e.value->items() : std::span<generic::Node* const>();
      if (e.value->kind == generic::Kind::map) {
        std::string err = body(b, e.key, e.value, out);
        if (!err.empty()) return err;
      }
      for (const generic::Node* m : bodies) {
        if (m->kind != generic::Kind::map) {
          return fmt::format("root.{}: not an object type for struct (*ast.ListType)", kBlockNames[idx(b)]);
        }
        std::string err = body(b, e.key, m, out);
        if (!err.empty()) return err;
      }
    }
    return {};
  }

  std::string body(Block b, std::string_view label, const generic::Node* m, Rules& out) {
    Rule r{std::string(label), {}, {}, origin_};
    const bool service = b == Block::service || b == Block::service_prefix;
    for (const generic::Entry& e : m->entries()) {
      const bool policy = equal_fold(e.key, "policy");
      const bool intentions = service && equal_fold(e.key, "intentions");
      if (!policy && !intentions) continue;
      if (!is_scalar(e.value)) {
        return fmt::format("root.{}[0].{}: unknown type for string {}", kBlockNames[idx(b)],
                           policy ? "Policy" : "Intentions", e.value->of_maps ? "*ast.ObjectList" : "*ast.ListType");
      }
      (policy ? r.policy : r.intentions) = scalar_text(e.value);
    }
    out.of(b).push_back(std::move(r));
    return {};
  }

  std::string origin_;
};

bool valid_level(std::string_view level, bool allow_list) {
  const std::string l = lower(level);
  return l == "read" || l == "write" || l == "deny" || (allow_list && l == "list");
}

// Go's %#v of the rule structs (CE: EnterpriseRule is empty).
std::string go_rule(Block b, const Rule& r) {
  const std::string name = go_quote(r.name), pol = go_quote(r.policy);
  switch (b) {
    case Block::agent:
    case Block::agent_prefix:
      return fmt::format("&acl.AgentRule{{Node:{}, Policy:{}}}", name, pol);
    case Block::key:
    case Block::key_prefix:
      return fmt::format("&acl.KeyRule{{Prefix:{}, Policy:{}, EnterpriseRule:acl.EnterpriseRule{{}}}}", name, pol);
    case Block::node:
    case Block::node_prefix:
      return fmt::format("&acl.NodeRule{{Name:{}, Policy:{}, EnterpriseRule:acl.EnterpriseRule{{}}}}", name, pol);
    case Block::service:
    case Block::service_prefix:
      return fmt::format("&acl.ServiceRule{{Name:{}, Policy:{}, Intentions:{}, EnterpriseRule:acl.EnterpriseRule{{}}}}",
                         name, pol, go_quote(r.intentions));
    case Block::session:
    case Block::session_prefix:
      return fmt::format("&acl.SessionRule{{Node:{}, Policy:{}}}", name, pol);
    case Block::event:
    case Block::event_prefix:
      return fmt::format("&acl.EventRule{{Event:{}, Policy:{}}}", name, pol);
    case Block::query:
    case Block::query_prefix:
      return fmt::format("&acl.PreparedQueryRule{{Prefix:{}, Policy:{}}}", name, pol);
  }
  return {};
}

// PolicyRules.Validate: the first failure, in its fixed order.
std::string validate(const Rules& r) {
  auto scalar_error = [&](Scalar s) -> std::string {
    const std::string& v = r.scalar(s);
    if (v.empty() || valid_level(v, false)) return {};
    return fmt::format("Invalid {} policy: {}", name_of(s), go_quote(v));
  };
  if (std::string e = scalar_error(Scalar::acl); !e.empty()) return e;
  for (std::size_t b = 0; b < kBlocks; ++b) {
    const Block block = static_cast<Block>(b);
    const bool allow_list = block == Block::key || block == Block::key_prefix;
    for (const Rule& rule : r.blocks[b]) {
      if (!valid_level(rule.policy, allow_list)) {
        return fmt::format("Invalid {} policy: {}", kBlockNames[b], go_rule(block, rule));
      }
      if ((block == Block::service || block == Block::service_prefix) && !rule.intentions.empty() &&
          !valid_level(rule.intentions, false)) {
        return fmt::format("Invalid {} intentions policy: {}", kBlockNames[b], go_rule(block, rule));
      }
    }
  }
  for (const Scalar s : {Scalar::keyring, Scalar::operator_, Scalar::mesh, Scalar::peering}) {
    if (std::string e = scalar_error(s); !e.empty()) return e;
  }
  return {};
}

Decision enforce(std::string_view level, Access a) {
  const std::string l = lower(level);
  if (l == "write") return Decision::allow;
  if (l == "list") return a == Access::write ? Decision::deny : Decision::allow;
  if (l == "read") return a == Access::read ? Decision::allow : Decision::deny;
  if (l == "deny") return Decision::deny;
  return Decision::abstain;
}

}  // namespace

std::string_view name_of(Block b) { return kBlockNames[idx(b)]; }
std::string_view name_of(Scalar s) { return kScalarNames[static_cast<std::size_t>(s)]; }

Parsed parse_rules(std::string_view text, std::string_view origin) {
  Parsed out;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;  // empty rules: an empty policy
  SourceManager sm;
  const FileId id = sm.add("rules", std::string(text));
  diag::Collector sink;
  ReadOptions ro;
  ro.reader = Reader::hcl;
  ro.dup_error = true;  // hcl.DecodeErrorOnDuplicates on the write path (§4.3)
  const ParsedDocument pd = read_document(sm, id, sink, ro);
  if (!pd.reference_error.empty() || !pd.doc.syntax_ok) {
    out.error =
        "Failed to parse ACL rules: " + (pd.reference_error.empty() ? std::string("syntax error") : pd.reference_error);
    return out;
  }
  RuleReader reader{std::string(origin)};
  if (std::string err = reader.read(pd.tree.root, out.rules); !err.empty()) {
    out.error = "Failed to parse ACL rules: " + err;
    return out;
  }
  out.error = validate(out.rules);
  return out;
}

std::string validate_policy_name(std::string_view name) {
  if (name.empty()) return "Invalid Policy: no Name is set";
  if (name.size() > 128) return "Invalid Policy: invalid Name. Length must be greater than 0 and less than 128";
  if (name.front() == '/' || name.starts_with("builtin/")) {
    return "Invalid Policy: invalid Name. Names cannot be prefixed with '/' or 'builtin/'";
  }
  // ^[A-Za-z0-9\-_]+\/?[A-Za-z0-9\-_]*$
  auto ok_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  };
  std::size_t slashes = 0;
  for (const char c : name) {
    if (c == '/') {
      ++slashes;
    } else if (!ok_char(c)) {
      slashes = 2;
    }
  }
  if (slashes > 1) {
    return "Invalid Policy: invalid Name. Only alphanumeric characters, a single '/', '-' and '_' are allowed";
  }
  return {};
}

Rules service_identity(std::string_view service) {
  const std::string origin = fmt::format("service identity {}", go_quote(service));
  Rules r;
  r.of(Block::service).push_back({std::string(service), "write", {}, origin});
  r.of(Block::service).push_back({std::string(service) + "-sidecar-proxy", "write", {}, origin});
  r.of(Block::service_prefix).push_back({"", "read", {}, origin});
  r.of(Block::node_prefix).push_back({"", "read", {}, origin});
  return r;
}

Rules mesh_gateway_identity() {
  const std::string origin = "mesh gateway identity";
  Rules r;
  r.scalar(Scalar::mesh) = "write";
  r.scalar(Scalar::peering) = "read";
  r.of(Block::service).push_back({"mesh-gateway", "write", {}, origin});
  r.of(Block::service_prefix).push_back({"", "read", {}, origin});
  r.of(Block::node_prefix).push_back({"", "read", {}, origin});
  r.of(Block::agent_prefix).push_back({"", "read", {}, origin});
  return r;
}

bool takes_precedence(std::string_view a, std::string_view b) {
  for (const std::string_view level : {"deny", "write", "list", "read"}) {
    if (a == level) return true;
    if (b == level) return false;
  }
  return false;
}

Rules merge(const std::vector<const Rules*>& parts) {
  Rules out;
  for (std::size_t b = 0; b < kBlocks; ++b) {
    std::unordered_map<std::string, std::size_t> at;
    std::vector<Rule>& merged = out.blocks[b];
    for (const Rules* p : parts) {
      for (const Rule& r : p->blocks[b]) {
        const auto [it, fresh] = at.emplace(r.name, merged.size());
        if (fresh) {
          merged.push_back(r);
          continue;
        }
        Rule& cur = merged[it->second];
        if (takes_precedence(r.policy, cur.policy)) {
          cur.policy = r.policy;
          cur.origin = r.origin;
        }
        if (takes_precedence(r.intentions, cur.intentions)) cur.intentions = r.intentions;
      }
    }
  }
  for (std::size_t s = 0; s < kScalars; ++s) {
    for (const Rules* p : parts) {
      if (takes_precedence(p->scalars[s], out.scalars[s])) out.scalars[s] = p->scalars[s];
    }
  }
  return out;
}

const char* to_string(Decision d) {
  switch (d) {
    case Decision::allow:
      return "allow";
    case Decision::deny:
      return "deny";
    case Decision::abstain:
      return "default";
  }
  return "default";
}

const char* to_string(Access a) {
  switch (a) {
    case Access::read:
      return "read";
    case Access::list:
      return "list";
    case Access::write:
      return "write";
  }
  return "read";
}

Authorizer::Authorizer(const Rules& merged) {
  auto family_of = [](Block b) -> Fam {
    switch (b) {
      case Block::agent:
      case Block::agent_prefix:
        return kAgent;
      case Block::key:
      case Block::key_prefix:
        return kKey;
      case Block::node:
      case Block::node_prefix:
        return kNode;
      case Block::service:
      case Block::service_prefix:
        return kService;
      case Block::session:
      case Block::session_prefix:
        return kSession;
      case Block::event:
      case Block::event_prefix:
        return kEvent;
      case Block::query:
      case Block::query_prefix:
        return kQuery;
    }
    return kService;
  };
  for (std::size_t b = 0; b < kBlocks; ++b) {
    const Block block = static_cast<Block>(b);
    const bool prefix = is_prefix_block(block);
    for (const Rule& r : merged.blocks[b]) {
      Leaf& leaf = families_[family_of(block)][r.name];
      (prefix ? leaf.prefix : leaf.exact) = r.policy;
      (prefix ? leaf.prefix_origin : leaf.exact_origin) = r.origin;
      if (family_of(block) != kService) continue;
      // policy_authorizer.go: intentions default to read for a read/write
      // service rule (exact lowercase) and to deny otherwise.
      std::string intentions = r.intentions;
      const bool derived = intentions.empty();
      if (derived) intentions = r.policy == "read" || r.policy == "write" ? "read" : "deny";
      Leaf& il = families_[kIntention][r.name];
      (prefix ? il.prefix : il.exact) = intentions;
      (prefix ? il.prefix_origin : il.exact_origin) = r.origin;
      (prefix ? il.derived_prefix : il.derived_exact) = derived;
    }
  }
  scalars_ = merged.scalars;
}

std::string Authorizer::describe(Fam f, const std::string& name, bool prefix, const Leaf& leaf) const {
  static constexpr std::array<std::string_view, kFamilies> kNames = {"service", "service", "node",  "key",
                                                                     "agent",   "session", "event", "query"};
  const std::string& level = prefix ? *leaf.prefix : *leaf.exact;
  const std::string& origin = prefix ? leaf.prefix_origin : leaf.exact_origin;
  std::string out;
  if (f == kIntention && (prefix ? leaf.derived_prefix : leaf.derived_exact)) {
    out = fmt::format("{}{} {} (intentions {} derived from its policy)", kNames[f], prefix ? "_prefix" : "",
                      go_quote(name), level);
  } else {
    out = fmt::format("{}{} {} {{ {} = {} }}", kNames[f], prefix ? "_prefix" : "", go_quote(name),
                      f == kIntention ? "intentions" : "policy", go_quote(level));
  }
  if (!origin.empty()) out += " from " + origin;
  return out;
}

Verdict Authorizer::lookup(Fam f, std::string_view name, Access a) const {
  const Family& fam = families_[f];
  const std::string* cand_name = nullptr;
  const Leaf* cand = nullptr;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    const auto it = fam.find(name.substr(0, i));
    if (it == fam.end()) continue;
    if (i == name.size() && it->second.exact) {
      return {enforce(*it->second.exact, a), describe(f, it->first, false, it->second)};
    }
    if (it->second.prefix) {
      cand = &it->second;  // a longer prefix overrides a shorter one
      cand_name = &it->first;
    }
  }
  if (!cand) return {};
  return {enforce(*cand->prefix, a), describe(f, *cand_name, true, *cand)};
}

Verdict Authorizer::any_allowed(Fam f, Access a) const {
  const Family& fam = families_[f];
  const auto root = fam.find(std::string_view());
  const bool has_root = root != fam.end() && root->second.prefix;
  if (has_root && enforce(*root->second.prefix, a) == Decision::allow) {
    return {Decision::allow, describe(f, root->first, true, root->second)};
  }
  for (const auto& [name, leaf] : fam) {
    if (leaf.exact && enforce(*leaf.exact, a) == Decision::allow)
      return {Decision::allow, describe(f, name, false, leaf)};
    if (leaf.prefix && enforce(*leaf.prefix, a) == Decision::allow) {
      return {Decision::allow, describe(f, name, true, leaf)};
    }
  }
  if (has_root && enforce(*root->second.prefix, a) == Decision::deny) {
    return {Decision::deny, describe(f, root->first, true, root->second)};
  }
  return {};
}

Verdict Authorizer::all_allowed(Fam f, Access a) const {
  const Family& fam = families_[f];
  const auto root = fam.find(std::string_view());
  const bool has_root = root != fam.end() && root->second.prefix;
  if (has_root && enforce(*root->second.prefix, a) == Decision::deny) {
    return {Decision::deny, describe(f, root->first, true, root->second)};
  }
  for (const auto& [name, leaf] : fam) {
    if (leaf.prefix && enforce(*leaf.prefix, a) != Decision::allow) {
      return {Decision::deny, describe(f, name, true, leaf)};
    }
    if (leaf.exact && enforce(*leaf.exact, a) != Decision::allow) {
      return {Decision::deny, describe(f, name, false, leaf)};
    }
  }
  if (has_root) return {enforce(*root->second.prefix, a), describe(f, root->first, true, root->second)};
  return {};
}

Verdict Authorizer::scalar(Scalar s, Access a) const {
  const std::string& level = scalars_[static_cast<std::size_t>(s)];
  if (level.empty()) return {};
  return {enforce(level, a), fmt::format("{} = {}", name_of(s), go_quote(level))};
}

Verdict Authorizer::service(std::string_view name, Access a) const { return lookup(kService, name, a); }
Verdict Authorizer::node(std::string_view name, Access a) const { return lookup(kNode, name, a); }
Verdict Authorizer::intention(std::string_view name, Access a) const { return lookup(kIntention, name, a); }
Verdict Authorizer::key(std::string_view name, Access a) const { return lookup(kKey, name, a); }
Verdict Authorizer::service_write_any() const { return any_allowed(kService, Access::write); }
Verdict Authorizer::service_read_all() const { return all_allowed(kService, Access::read); }
Verdict Authorizer::node_read_all() const { return all_allowed(kNode, Access::read); }
Verdict Authorizer::intention_read_any() const { return any_allowed(kIntention, Access::read); }
Verdict Authorizer::intention_write_all() const { return all_allowed(kIntention, Access::write); }
Verdict Authorizer::operator_access(Access a) const { return scalar(Scalar::operator_, a); }
Verdict Authorizer::acl(Access a) const { return scalar(Scalar::acl, a); }

Verdict Authorizer::mesh(Access a) const {
  if (!scalars_[static_cast<std::size_t>(Scalar::mesh)].empty()) return scalar(Scalar::mesh, a);
  return scalar(Scalar::operator_, a);
}

Verdict Authorizer::peering(Access a) const {
  if (!scalars_[static_cast<std::size_t>(Scalar::peering)].empty()) return scalar(Scalar::peering, a);
  return scalar(Scalar::operator_, a);
}

Verdict Authorizer::imported_service_read() const {
  Verdict any = service_write_any();
  if (any.decision == Decision::allow) return any;
  return service_read_all();
}

Verdict Authorizer::imported_node_read() const {
  Verdict any = service_write_any();
  if (any.decision == Decision::allow) return any;
  return node_read_all();
}

bool resolve(const Chain& chain, Decision policy, bool acl_resource) {
  if (!chain.enabled) return true;
  if (policy != Decision::abstain) return policy == Decision::allow;
  return chain.default_allow && !acl_resource;
}

}  // namespace entryc::runtime::acl
