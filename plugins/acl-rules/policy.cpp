// acl.NewPolicyFromSource (CE) over the generic tree; see policy.hpp.
#include "policy.hpp"

#include <algorithm>
#include <utility>

#include "go_text.hpp"

namespace acl {

namespace {

constexpr long kTypeStride = 1'000'000'000L;
// Every decoder error comes before every validation error.
constexpr long kValidateBase = 100 * kTypeStride;

constexpr std::array<TypeInfo, kTypes> kInfo = {{
    {Type::acl, "acl", true, "ACL", "", "", false, false, false},
    {Type::agent, "agent", false, "Agents", "AgentRule", "Node", false, false, false},
    {Type::agent_prefix, "agent_prefix", false, "AgentPrefixes", "AgentRule", "Node", false, false, false},
    {Type::key, "key", false, "Keys", "KeyRule", "Prefix", true, false, true},
    {Type::key_prefix, "key_prefix", false, "KeyPrefixes", "KeyRule", "Prefix", true, false, true},
    {Type::node, "node", false, "Nodes", "NodeRule", "Name", false, false, true},
    {Type::node_prefix, "node_prefix", false, "NodePrefixes", "NodeRule", "Name", false, false, true},
    {Type::service, "service", false, "Services", "ServiceRule", "Name", false, true, true},
    {Type::service_prefix, "service_prefix", false, "ServicePrefixes", "ServiceRule", "Name", false, true, true},
    {Type::session, "session", false, "Sessions", "SessionRule", "Node", false, false, false},
    {Type::session_prefix, "session_prefix", false, "SessionPrefixes", "SessionRule", "Node", false, false, false},
    {Type::event, "event", false, "Events", "EventRule", "Event", false, false, false},
    {Type::event_prefix, "event_prefix", false, "EventPrefixes", "EventRule", "Event", false, false, false},
    {Type::query, "query", false, "PreparedQueries", "PreparedQueryRule", "Prefix", false, false, false},
    {Type::query_prefix, "query_prefix", false, "PreparedQueryPrefixes", "PreparedQueryRule", "Prefix", false, false,
     false},
    {Type::keyring, "keyring", true, "Keyring", "", "", false, false, false},
    {Type::operator_, "operator", true, "Operator", "", "", false, false, false},
    {Type::mesh, "mesh", true, "Mesh", "", "", false, false, false},
    {Type::peering, "peering", true, "Peering", "", "", false, false, false},
}};

std::size_t idx(Type t) { return static_cast<std::size_t>(t); }

// Go's strings.EqualFold against an ASCII word: ASCII case folding, plus the
// two non-ASCII runes that fold to ASCII letters (U+017F 'ſ' ~ s, U+212A
// Kelvin sign ~ k).
bool equal_fold(std::string_view s, std::string_view ascii) {
  std::size_t i = 0;
  for (const char w : ascii) {
    if (i >= s.size()) return false;
    const auto c = static_cast<unsigned char>(s[i]);
    const char lw = static_cast<char>(w >= 'A' && w <= 'Z' ? w - 'A' + 'a' : w);
    if (c < 0x80) {
      const char lc = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (lc != lw) return false;
      ++i;
    } else if (lw == 's' && s.substr(i, 2) == "\xc5\xbf") {
      i += 2;
    } else if (lw == 'k' && s.substr(i, 3) == "\xe2\x84\xaa") {
      i += 3;
    } else {
      return false;
    }
  }
  return i == s.size();
}

bool is_scalar(const Value& j) { return j.is_string() || j.is_number() || j.is_boolean() || j.is_null(); }

// What hcl's decodeString stores: a string's value; a number's or bool's
// token text (here: its JSON rendering; an HCL 0x10 arrives as 16).
std::string scalar_text(const Value& j, bool& number) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return {};
  number = true;
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  return j.dump();
}

bool all_maps(const Value& a) {
  if (!a.is_array() || a.empty()) return false;
  return std::all_of(a.begin(), a.end(), [](const Value& e) { return e.is_object(); });
}

// One labelled block: {"web": [ {body} ]}.
bool labelled_item(const Value& e) { return e.is_object() && e.size() == 1 && all_maps(e.begin().value()); }

// The AST node hcl's decoder sees for a list value in the generic tree.
const char* ast_type(const Value& v) { return all_maps(v) ? "*ast.ObjectList" : "*ast.ListType"; }

std::string quoted_hcl(std::string_view s) { return Json(std::string(s)).dump(); }

// A level string found in a block, to suggest `operator = "read"`.
std::string level_in(const Value& v) {
  if (!all_maps(v)) return {};
  for (const Value& m : v) {
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (equal_fold(it.key(), "policy") && it.value().is_string()) return it.value().get<std::string>();
    }
  }
  return {};
}

class Parser {
 public:
  Policy run(const Value& root) {
    if (!root.is_object()) return std::move(p_);
    std::array<std::vector<std::pair<std::string_view, const Value*>>, kTypes> blocks;
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string_view k = it.key();
      const std::optional<Type> t = type_of(k);
      if (!t) {
        const std::string lk = lower(k);
        if (lk == "identity" || lk == "identity_prefix") {
          p_.identity.emplace_back(Path() / k, std::string(k));
        } else if (lk == "namespace" || lk == "namespace_prefix" || lk == "partition" || lk == "partition_prefix") {
          p_.enterprise.emplace_back(Path() / k, std::string(k));
        } else {
          p_.unknown.push_back({Path() / k, std::string(k), std::nullopt, std::nullopt});
        }
      } else if (info(*t).scalar) {
        scalar(*t, k, it.value());
      } else {
        blocks[idx(*t)].emplace_back(k, &it.value());
      }
    }
    for (const TypeInfo& ti : kInfo) {
      if (!ti.scalar) block_type(ti, blocks[idx(ti.type)]);
    }
    return std::move(p_);
  }

 private:
  static long decode_order(Type t, std::size_t item, int sub) {
    return static_cast<long>(idx(t)) * kTypeStride + static_cast<long>(item) * 4 + sub;
  }

  void fatal(Type t, Path path, bool at_key, std::string decoder, std::string summary, std::string detail,
             long order) {
    Shape s{t, std::move(path), at_key, true, std::move(decoder), std::move(summary), std::move(detail), order};
    p_.shapes.push_back(std::move(s));
  }

  void scalar(Type t, std::string_view key, const Value& v) {
    const TypeInfo& ti = info(t);
    Scalar s{t, std::string(key), {}};
    s.level.present = true;
    if (is_scalar(v)) {
      s.level.text = scalar_text(v, s.level.number);
    } else {
      s.level.broken = true;
      const bool block = all_maps(v);
      std::string lvl = level_in(v);
      if (lvl.empty()) lvl = "read";
      fatal(t, s.path(), block, "root." + std::string(ti.name) + ": unknown type for string " + ast_type(v),
            "'" + std::string(ti.name) + "' takes a level string, not " + (block ? "a block" : "a list"),
            "HashiCorp's decoder rejects the whole policy. Write " + std::string(ti.name) + " = " + quoted_hcl(lvl) +
                " (read, write or deny).",
            decode_order(t, scalar_seq_[idx(t)]++, 0));
    }
    p_.scalars.push_back(std::move(s));
  }

  void block_type(const TypeInfo& ti, const std::vector<std::pair<std::string_view, const Value*>>& entries) {
    std::vector<Rule>& out = p_.rules[idx(ti.type)];
    std::size_t rules = 0;  // at least, for the labelled blocks
    for (const auto& entry : entries) rules += entry.second->is_array() ? entry.second->size() : 0;
    out.reserve(rules);
    std::size_t item = 0;   // items in the decoder's walk over this field
    std::size_t index = 0;  // labelled blocks, as the decoder numbers them
    // Labelled blocks first: they are the decoder's "prefix matches".
    for (const auto& [key, value] : entries) {
      if (!value->is_array()) continue;
      for (std::size_t i = 0; i < value->size(); ++i) {
        const Value& e = (*value)[i];
        if (!labelled_item(e)) continue;
        const std::string_view label = e.begin().key();
        const Value& bodies = e.begin().value();
        for (std::size_t j = 0; j < bodies.size(); ++j) {
          start_rule(ti, key, label, i, j, true, index++);
          const Value* b = &bodies[j];
          extra_labels(ti, label, out.back(), b);
          body(ti, out.size() - 1, *b, item++);
        }
      }
    }
    // Then everything else, in order: blocks without a label, plain values.
    for (const auto& [key, value] : entries) {
      const Path at = Path() / key;
      if (is_scalar(*value)) {
        fatal(ti.type, at, false, "unknown slice type: *ast.LiteralType",
              "'" + std::string(key) + "' needs a labelled block, not a value",
              "HashiCorp's decoder rejects the whole policy. Write " + std::string(ti.name) +
                  " \"<name>\" { policy = \"read\" }.",
              decode_order(ti.type, item++, 0));
        continue;
      }
      if (!value->is_array()) continue;
      for (std::size_t i = 0; i < value->size(); ++i) {
        const Value& e = (*value)[i];
        if (labelled_item(e)) continue;
        if (e.is_object()) {
          group(ti, key, i, e, item);
        } else {
          const bool list = e.is_array();
          fatal(ti.type, at[i], false,
                "root." + std::string(ti.name) + "[" + std::to_string(i) + "]: not an object type for struct (" +
                    (list ? "*ast.ListType" : "*ast.LiteralType") + ")",
                "'" + std::string(key) + "' is a list of " + (list ? "lists" : "values") + "; it needs labelled blocks",
                "HashiCorp's decoder rejects the whole policy. Write one block per rule: " +
                    std::string(ti.name) + " \"<name>\" { policy = \"read\" }.",
                decode_order(ti.type, item++, 0));
        }
      }
    }
    for (std::size_t s = 0; s < out.size(); ++s) out[s].seq = s;
  }

  // `service "a" "b" "c" { ... }`: with three labels or more the decoder
  // keeps the first and decodes the body as is (only exactly two labels go
  // through expandObject, which leaves 'b' as an unknown key). The generic
  // tree nests the labels: {"a": [{"b": [{"c": [{...}]}]}]}.
  void extra_labels(const TypeInfo& ti, std::string_view label, Rule& r, const Value*& b) {
    auto next = [](const Value& m) -> const Value* {
      if (!m.is_object() || m.size() != 1) return nullptr;
      const Value& v = m.begin().value();
      return v.is_array() && v.size() == 1 && v[0].is_object() ? &v[0] : nullptr;
    };
    const Value* first = next(*b);
    if (!first || !next(*first)) return;
    Path at = r.at();
    const Path where = at / b->begin().key();
    std::string names;
    while (const Value* n = next(*b)) {
      names += (names.empty() ? "'" : ", '") + std::string(b->begin().key()) + "'";
      at = (at / b->begin().key())[0];
      b = n;
    }
    r.body_path = std::move(at);
    Shape s{ti.type, where, true, false, {},
            describe(ti.type, label) + " has extra labels (" + names + "), which Consul ignores",
            "With three labels or more, HashiCorp's decoder names the rule after the first label and ignores the "
            "others; with exactly two, the second becomes an unknown key and the rule has no policy. Write one label: " +
                std::string(ti.name) + " " + quoted_hcl(label) + " { ... }.",
            0};
    p_.shapes.push_back(std::move(s));
  }

  // A block without a label (`service { ... }`, or a JSON object the HCL
  // JSON parser did not flatten): the decoder reads each of its items as a
  // rule named after the item's key, numbered from 0 in this block.
  void group(const TypeInfo& ti, std::string_view key, std::size_t i, const Value& m, std::size_t& item) {
    std::size_t local = 0;
    for (auto it = m.begin(); it != m.end(); ++it) {
      const std::string_view name = it.key();
      const Value& v = it.value();
      if (all_maps(v)) {
        for (std::size_t j = 0; j < v.size(); ++j) {
          start_rule(ti, key, name, i, j, true, local++);
          body(ti, p_.rules[idx(ti.type)].size() - 1, v[j], item++);
        }
      } else if (v.is_array()) {
        fatal(ti.type, (Path() / key)[i] / name, false,
              "root." + std::string(ti.name) + "[" + std::to_string(local++) +
                  "]: not an object type for struct (*ast.ListType)",
              "'" + std::string(name) + "' in '" + std::string(key) + "' is a list; a rule is a block",
              "HashiCorp's decoder rejects the whole policy. Write " + std::string(ti.name) + " " + quoted_hcl(name) +
                  " { policy = \"read\" }.",
              decode_order(ti.type, item++, 0));
      } else {
        Rule& r = start_rule(ti, key, name, i, Rule::kNoBody, false, local++);
        bool number = false;
        if (equal_fold(name, "policy")) {
          r.policy = Level{true, false, false, scalar_text(v, number), {}};
          r.policy.number = number;
        } else if (ti.has_intentions && equal_fold(name, "intentions")) {
          r.intentions = Level{true, false, false, scalar_text(v, number), {}};
          r.intentions.number = number;
        }
        if (r.policy.present && valid_level(r.policy.text, ti.allows_list)) {
          Shape s{ti.type,
                  r.at(),
                  true,
                  false,
                  {},
                  "'" + std::string(key) + "' block has no name: '" + std::string(name) + " = " +
                      quoted_hcl(r.policy.text) + "' is read as a rule for " + describe(ti.type, name),
                  "HashiCorp's decoder reads each attribute of an unlabelled block as a rule named after the "
                  "attribute, so this grants " +
                      r.policy.text + " on " + describe(ti.type, name) + ". Put the name in the block header: " +
                      std::string(ti.name) + " \"<name>\" { policy = " + quoted_hcl(r.policy.text) + " }.",
                  0};
          p_.shapes.push_back(std::move(s));
        }
        ++item;
      }
    }
  }

  Rule& start_rule(const TypeInfo& ti, std::string_view key, std::string_view name, std::size_t block, std::size_t body,
                   bool labelled, std::size_t index) {
    Rule& r = p_.rules[idx(ti.type)].emplace_back();
    r.type = ti.type;
    r.type_key = key;
    r.name = name;
    r.block = block;
    r.body = body;
    r.labelled = labelled;
    r.index = index;
    return r;
  }

  void body(const TypeInfo& ti, std::size_t pos, const Value& m, std::size_t item) {
    for (auto it = m.begin(); it != m.end(); ++it) {
      const std::string_view k = it.key();
      if (equal_fold(k, "policy")) {
        level(ti, pos, false, it.value(), k, item);
      } else if (ti.has_intentions && equal_fold(k, "intentions")) {
        level(ti, pos, true, it.value(), k, item);
      } else {
        p_.unknown.push_back({p_.rules[idx(ti.type)][pos].at() / k, std::string(k), ti.type, pos});
      }
    }
  }

  void level(const TypeInfo& ti, std::size_t pos, bool intentions, const Value& v, std::string_view key,
             std::size_t item) {
    Rule& r = p_.rules[idx(ti.type)][pos];
    Level& l = intentions ? r.intentions : r.policy;
    l.present = true;
    l.key = key;
    if (is_scalar(v)) {
      l.number = false;
      l.text = scalar_text(v, l.number);
      return;
    }
    l.broken = true;
    l.text.clear();
    const bool block = all_maps(v);
    const char* field = intentions ? "Intentions" : "Policy";
    const char* word = intentions ? "intentions" : "policy";
    std::string detail;
    if (!block && v.size() > 1) {
      detail = "Consul does not combine levels: HashiCorp's decoder rejects the whole policy. Use one level; "
               "'write' already includes read.";
    } else {
      detail = "HashiCorp's decoder rejects the whole policy. Write " + std::string(word) + " = \"read\" (or " +
               (ti.allows_list ? "list, write, deny)." : "write, deny).");
    }
    fatal(ti.type, r.path(l), false,
          "root." + std::string(ti.name) + "[" + std::to_string(r.index) + "]." + field + ": unknown type for string " +
              ast_type(v),
          "'" + std::string(word) + "' of " + describe(ti.type, r.name) + " is " + (block ? "a block" : "a list") +
              "; it takes one level string",
          std::move(detail), decode_order(ti.type, item, intentions ? 2 : 1));
  }

  Policy p_;
  std::array<std::size_t, kTypes> scalar_seq_{};
};

}  // namespace

Path Rule::label() const { return (Path() / type_key)[block] / name; }

Path Rule::at() const {
  if (body_path) return *body_path;
  return body == kNoBody ? label() : label()[body];
}

Path Rule::path(const Level& l) const { return l.key.empty() ? at() : at() / l.key; }

const TypeInfo& info(Type t) { return kInfo[idx(t)]; }
const std::array<TypeInfo, kTypes>& types() { return kInfo; }

std::optional<Type> type_of(std::string_view key) {
  for (const TypeInfo& ti : kInfo) {
    if (equal_fold(key, ti.name)) return ti.type;
  }
  return std::nullopt;
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return o;
}

bool valid_level(std::string_view level, bool allow_list) {
  // strings.ToLower; no non-ASCII rune lowers to a letter of these words.
  // The words are lower-case letters: c | 0x20 is one of them only for it
  // or its capital.
  auto is = [&](std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (static_cast<char>(level[i] | 0x20) != word[i]) return false;
    }
    return true;
  };
  switch (level.size()) {
    case 4: return is("read") || is("deny") || (allow_list && is("list"));
    case 5: return is("write");
    default: return false;
  }
}

std::string describe(Type t, std::string_view name) {
  const TypeInfo& ti = info(t);
  if (ti.scalar) return "'" + std::string(ti.name) + "'";
  return std::string(ti.name) + " '" + std::string(name) + "'";
}

const Scalar* Policy::effective(Type t) const {
  const Scalar* s = nullptr;
  for (const Scalar& x : scalars) {
    if (x.type == t) s = &x;
  }
  return s;
}

std::optional<std::string> Policy::decode_error() const {
  const Shape* first = nullptr;
  for (const Shape& s : shapes) {
    if (s.fatal && (!first || s.order < first->order)) first = &s;
  }
  if (!first) return std::nullopt;
  return "Failed to parse ACL rules: " + first->decoder;
}

Policy parse(const Value& root) { return Parser().run(root); }

const Policy& parse(const entryc::sdk::Document& doc) {
  return doc.memo<Policy>([&] { return parse(doc.json); });
}

std::string go_rule(const Rule& r) {
  const TypeInfo& ti = info(r.type);
  std::string s = "&acl." + std::string(ti.go_struct) + "{" + std::string(ti.name_field) + ":" + go_text::quote(r.name) +
                  ", Policy:" + go_text::quote(r.policy.text);
  if (ti.has_intentions) s += ", Intentions:" + go_text::quote(r.intentions.text);
  if (ti.enterprise_rule) s += ", EnterpriseRule:acl.EnterpriseRule{}";
  return s + "}";
}

std::vector<Violation> validate(const Policy& p) {
  std::vector<Violation> out;
  for (const TypeInfo& ti : kInfo) {
    const long base = kValidateBase + static_cast<long>(idx(ti.type)) * kTypeStride;
    const std::string name(ti.name);
    if (ti.scalar) {
      const Scalar* s = p.effective(ti.type);
      if (!s || s->level.broken || s->level.text.empty() || valid_level(s->level.text, false)) continue;
      out.push_back({lower(s->level.text) == "list" ? Fault::list_not_allowed : Fault::invalid_policy, ti.type, nullptr,
                     s, "Invalid " + name + " policy: " + go_text::quote(s->level.text), base});
      continue;
    }
    for (const Rule& r : p.of(ti.type)) {
      // A broken level never reaches Validate (the decoder failed first);
      // the rule's other level is still checked, to report every problem.
      const long o = base + static_cast<long>(r.seq) * 2;
      if (!r.policy.broken && !valid_level(r.policy.text, ti.allows_list)) {
        const bool list = !ti.allows_list && lower(r.policy.text) == "list";
        out.push_back({list ? Fault::list_not_allowed : Fault::invalid_policy, ti.type, &r, nullptr,
                       "Invalid " + name + " policy: " + go_rule(r), o});
      }
      if (ti.has_intentions && !r.intentions.broken && !r.intentions.text.empty() &&
          !valid_level(r.intentions.text, false)) {
        out.push_back({Fault::invalid_intentions, ti.type, &r, nullptr,
                       "Invalid " + name + " intentions policy: " + go_rule(r), o + 1});
      }
    }
  }
  return out;
}

const std::vector<Violation>& validate(const entryc::sdk::Document& doc) {
  return doc.memo<std::vector<Violation>>([&] { return validate(parse(doc)); });
}

std::optional<std::string> consul_error(const Policy& p) {
  if (auto e = p.decode_error()) return e;
  const std::vector<Violation> v = validate(p);
  if (v.empty()) return std::nullopt;
  return v.front().consul;
}

Json to_json(const Policy& p) {
  Json out = Json::object();
  for (const TypeInfo& ti : kInfo) {
    if (ti.scalar) {
      if (const Scalar* s = p.effective(ti.type)) out[std::string(ti.field)] = s->level.text;
      continue;
    }
    const std::vector<Rule>& rules = p.of(ti.type);
    if (rules.empty()) continue;
    Json list = Json::array();
    for (const Rule& r : rules) {
      Json o = Json::object();
      o[std::string(ti.name_field)] = r.name;
      o["Policy"] = r.policy.text;
      if (ti.has_intentions && !r.intentions.text.empty()) o["Intentions"] = r.intentions.text;
      list.push_back(std::move(o));
    }
    out[std::string(ti.field)] = std::move(list);
  }
  return out;
}

bool takes_precedence(std::string_view a, std::string_view b) {
  for (const std::string_view l : {"deny", "write", "list", "read"}) {
    if (a == l) return true;
    if (b == l) return false;
  }
  return false;
}

}  // namespace acl
