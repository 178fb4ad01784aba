#include "project.hpp"

#include <algorithm>
#include <map>

namespace peering {

std::string_view field(const Json& j, const char* key) {
  const std::string* s = member(j, key).get_ptr<const std::string*>();
  return s ? std::string_view(*s) : std::string_view();
}

const Json& list(const Json& j, const char* key) {
  static const Json empty = Json::array();
  const Json& v = member(j, key);
  return v.is_array() ? v : empty;
}

bool contains(const Json& strings, std::string_view s) {
  return std::any_of(strings.begin(), strings.end(),
                     [&](const Json& v) { return v.is_string() && v.get_ref<const std::string&>() == s; });
}

std::string at(std::string_view base, std::size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }

namespace {
bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
}  // namespace

bool valid_peer_name(std::string_view s) {
  if (s.empty() || s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return alnum(c) || c == '-'; });
}

std::string peer_name_like(std::string_view s) {
  std::string out;
  for (char c : s) {
    const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out += alnum(l) ? l : '-';
  }
  if (out.size() > 63) out.resize(63);
  const std::size_t b = out.find_first_not_of('-');
  if (b == std::string::npos) return {};
  return out.substr(b, out.find_last_not_of('-') - b + 1);
}

std::string PeerName::path() const {
  return at("peerings", peering) + (acceptor ? ".acceptor_peer_name" : ".dialer_peer_name");
}

Project::Project(const Json& doc) : doc_(doc) {
  const Json& ps = peerings();
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::string acc(field(ps[i], "acceptor")), dia(field(ps[i], "dialer"));
    names_.push_back({std::string(field(ps[i], "acceptor_peer_name")), acc, dia, i, true});
    names_.push_back({std::string(field(ps[i], "dialer_peer_name")), dia, acc, i, false});
  }
  const Json& es = entries();
  for (std::size_t i = 0; i < es.size(); ++i) {
    std::string key = ref_of(es[i]);
    key += '\0';
    key += field(es[i], "kind");
    effective_[key][std::string(field(es[i], "name"))] = i;  // later files win
  }
}

std::optional<std::size_t> Project::cluster_index(std::string_view name) const {
  const Json& cs = clusters();
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (field(cs[i], "name") == name) return i;
  }
  return std::nullopt;
}

const Json* Project::cluster(std::string_view name) const {
  const std::optional<std::size_t> i = cluster_index(name);
  return i ? &clusters()[*i] : nullptr;
}

namespace {
std::pair<std::string_view, std::string_view> split(std::string_view ref) {
  const std::size_t slash = ref.find('/');
  if (slash == std::string_view::npos) return {ref, "default"};
  return {ref.substr(0, slash), ref.substr(slash + 1)};
}
}  // namespace

std::optional<std::string> Project::partition_path(std::string_view ref) const {
  const auto [c, name] = split(ref);
  const std::optional<std::size_t> ci = cluster_index(c);
  if (!ci) return std::nullopt;
  const Json& parts = list(clusters()[*ci], "partitions");
  for (std::size_t pi = 0; pi < parts.size(); ++pi) {
    if (field(parts[pi], "name") == name) return at(at("clusters", *ci) + ".partitions", pi);
  }
  return std::nullopt;
}

const Json* Project::partition(std::string_view ref) const {
  const auto [c, name] = split(ref);
  const Json* cl = cluster(c);
  if (!cl) return nullptr;
  for (const Json& p : list(*cl, "partitions")) {
    if (field(p, "name") == name) return &p;
  }
  return nullptr;
}

const PeerName* Project::peer(std::string_view local, std::string_view name) const {
  if (name.empty()) return nullptr;
  for (const PeerName& n : names_) {
    if (n.local == local && n.name == name) return &n;
  }
  return nullptr;
}

std::vector<std::string> Project::peer_names_of(std::string_view local) const {
  std::vector<std::string> out;
  for (const PeerName& n : names_) {
    if (n.local == local && std::find(out.begin(), out.end(), n.name) == out.end()) out.push_back(n.name);
  }
  return out;
}

std::optional<std::size_t> Project::group_index(std::string_view name) const {
  const Json& gs = groups();
  for (std::size_t i = 0; i < gs.size(); ++i) {
    if (field(gs[i], "name") == name) return i;
  }
  return std::nullopt;
}

bool Project::member(std::size_t group, std::string_view ref) const {
  return contains(list(groups()[group], "members"), ref);
}

std::string Project::ref_of(const Json& entry) {
  return std::string(field(entry, "cluster")) + "/" + std::string(field(entry, "partition"));
}

namespace {
std::string effective_key(std::string_view ref, std::string_view kind) {
  std::string key(ref);
  key += '\0';
  key += kind;
  return key;
}
}  // namespace

std::vector<std::size_t> Project::effective(std::string_view ref, std::string_view kind) const {
  std::vector<std::size_t> out;
  const auto it = effective_.find(effective_key(ref, kind));
  if (it == effective_.end()) return out;
  for (const auto& [name, i] : it->second) out.push_back(i);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::size_t> Project::effective(std::string_view ref, std::string_view kind,
                                              std::string_view name) const {
  const auto it = effective_.find(effective_key(ref, kind));
  if (it == effective_.end()) return std::nullopt;
  const auto e = it->second.find(name);
  if (e == it->second.end()) return std::nullopt;
  return e->second;
}

const Json& member(const Json& j, const char* key) {
  static const Json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it != j.end() ? *it : null;
}

bool flag(const Json& j, const char* key) {
  const Json& v = member(j, key);
  return v.is_boolean() && v.get<bool>();
}

bool has_errors(const Json& entry) { return !member(entry, "errors").is_boolean() || flag(entry, "errors"); }

namespace {

// `path` is `item` or a path inside it.
bool inside(std::string_view path, std::string_view item) {
  return path.substr(0, item.size()) == item &&
         (path.size() == item.size() || path[item.size()] == '.' || path[item.size()] == '[');
}

// An error at `error` is inside another element of one of the lists `item`
// is in: Sources[1].Name for Sources[0], Services[1] for Services[0].Consumers[2].
bool in_sibling(std::string_view error, std::string_view item) {
  for (std::size_t open = item.find('['); open != std::string_view::npos; open = item.find('[', open + 1)) {
    const std::size_t close = item.find(']', open);
    if (close == std::string_view::npos) break;
    if (error.substr(0, open + 1) == item.substr(0, open + 1) && !inside(error, item.substr(0, close + 1))) return true;
  }
  return false;
}

}  // namespace

bool has_errors(const Json& entry, std::string_view item) {
  if (!has_errors(entry)) return false;
  const Json& paths = member(entry, "error_paths");
  if (!paths.is_array() || paths.empty()) return true;  // not told where: all of it
  for (const Json& e : paths) {
    const std::string* where = e.get_ptr<const std::string*>();
    if (!where || !in_sibling(*where, item)) return true;
  }
  return false;
}

const Json& entry_of(const Json& e) { return member(e, "entry"); }

// ---- traffic

bool allows(const Json& source) {
  if (field(source, "Action") == "allow") return true;
  const Json& perms = list(source, "Permissions");
  return std::any_of(perms.begin(), perms.end(), [](const Json& p) { return field(p, "Action") == "allow"; });
}

bool covers(const Project& p, const Json& obj, const PeerName& peer) {
  if (field(obj, "Peer") == peer.name) return true;
  const std::string_view group = field(obj, "SamenessGroup");
  if (group.empty()) return false;
  const std::optional<std::size_t> g = p.group_index(group);
  return g && p.member(*g, peer.local) && p.member(*g, peer.remote);
}

bool wrong_side(const Project& p, std::string_view local, std::string_view service, const PeerName& peer) {
  if (service.empty() || service == "*") return false;
  const Json* here = p.partition(local);
  const Json* there = p.partition(peer.remote);
  if (!here || !there) return false;
  const Json& mine = list(*here, "services");
  const Json& theirs = list(*there, "services");
  return !mine.empty() && !contains(mine, service) && contains(theirs, service);
}

const PeerName& other_side(const Project& p, const PeerName& peer) {
  const std::vector<PeerName>& names = p.peer_names();
  const std::size_t self = static_cast<std::size_t>(&peer - names.data());
  return names[self ^ 1U];
}

bool exports_to(const Project& p, const Json& exports, std::string_view service, const PeerName& peer) {
  for (const Json& s : list(exports, "Services")) {
    const std::string_view name = field(s, "Name");
    if (service != "*" && name != service && name != "*") continue;
    for (const Json& c : list(s, "Consumers")) {
      if (covers(p, c, peer)) return true;
    }
  }
  return false;
}

// ---- ACL

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// policy_merger.go: deny > write > list > read > anything else.
int rank(std::string_view level) {
  if (level == "deny") return 4;
  if (level == "write") return 3;
  if (level == "list") return 2;
  if (level == "read") return 1;
  return 0;
}

void merge(std::vector<std::pair<std::string, std::string>>& rules, std::string_view name, std::string_view level) {
  const std::string lv = lower(level);
  for (auto& [n, l] : rules) {
    if (n != name) continue;
    if (rank(lv) > rank(l)) l = lv;
    return;
  }
  rules.emplace_back(std::string(name), lv);
}

void merge_scalar(std::string& into, std::string_view level) {
  const std::string lv = lower(level);
  if (rank(lv) > rank(into) || into.empty()) into = lv;
}

void merge_rules(std::vector<std::pair<std::string, std::string>>& rules, const Json& list_of, const char* name_key) {
  for (const Json& r : list_of) merge(rules, field(r, name_key), field(r, "Policy"));
}

// enforce(): what a level answers to a read or a write.
Decision enforce(std::string_view level, bool write) {
  if (level == "write") return Decision::allow;
  if (level == "read" || level == "list") return write ? Decision::deny : Decision::allow;
  if (level == "deny") return Decision::deny;
  return Decision::abstain;
}

const std::string* prefix_all(const std::vector<std::pair<std::string, std::string>>& prefixes) {
  for (const auto& [n, l] : prefixes) {
    if (n.empty()) return &l;
  }
  return nullptr;
}

// The aggregate "all-allowed" read check (ServiceReadAll, NodeReadAll).
Decision read_all(const std::vector<std::pair<std::string, std::string>>& exact,
                  const std::vector<std::pair<std::string, std::string>>& prefixes) {
  for (const auto* rules : {&exact, &prefixes}) {
    for (const auto& [n, l] : *rules) {
      if (enforce(l, false) == Decision::deny) return Decision::deny;
    }
  }
  const std::string* all = prefix_all(prefixes);
  return all ? enforce(*all, false) : Decision::abstain;
}

Decision scalar(std::string_view level, std::string_view fallback, bool write) {
  return enforce(level.empty() ? fallback : level, write);
}

}  // namespace

bool acl_enabled(const Json& cluster) {
  return flag(member(cluster, "acl"), "enabled");
}

std::string_view default_policy(const Json& cluster) {
  return acl_enabled(cluster) ? field(member(cluster, "acl"), "default_policy") : "allow";
}

Decision Grants::service_write_any() const {
  const std::string* all = prefix_all(service_prefixes);
  if (all && enforce(*all, true) == Decision::allow) return Decision::allow;
  for (const auto* rules : {&services, &service_prefixes}) {
    for (const auto& [n, l] : *rules) {
      if (enforce(l, true) == Decision::allow) return Decision::allow;
    }
  }
  return all ? Decision::deny : Decision::abstain;
}

Decision Grants::service_read_all() const { return read_all(services, service_prefixes); }
Decision Grants::node_read_all() const { return read_all(nodes, node_prefixes); }
Decision Grants::mesh_write() const { return scalar(mesh, operator_, true); }
Decision Grants::peering_read() const { return scalar(peering, operator_, false); }

std::optional<Grants> grants_of(const Project& p, std::string_view ref, const Json& token) {
  Grants g;
  for (const Json& name : list(token, "policies")) {
    if (!name.is_string()) continue;
    const std::optional<std::size_t> e = p.effective(ref, "acl-rules", name.get_ref<const std::string&>());
    if (!e) return std::nullopt;
    const Json& policy = member(p.entries()[*e], "policy");
    if (!policy.is_object()) return std::nullopt;
    merge_rules(g.services, list(policy, "Services"), "Name");
    merge_rules(g.service_prefixes, list(policy, "ServicePrefixes"), "Name");
    merge_rules(g.nodes, list(policy, "Nodes"), "Name");
    merge_rules(g.node_prefixes, list(policy, "NodePrefixes"), "Name");
    merge_scalar(g.mesh, field(policy, "Mesh"));
    merge_scalar(g.peering, field(policy, "Peering"));
    merge_scalar(g.operator_, field(policy, "Operator"));
  }
  // A service identity is this policy (acl/ ServiceIdentity.SyntheticPolicy).
  for (const Json& id : list(token, "service_identities")) {
    if (!id.is_string()) continue;
    const std::string& name = id.get_ref<const std::string&>();
    merge(g.services, name, "write");
    merge(g.services, name + "-sidecar-proxy", "write");
    merge(g.service_prefixes, "", "read");
    merge(g.node_prefixes, "", "read");
  }
  return g;
}

bool allowed(Decision d, std::string_view default_policy) {
  return d == Decision::allow || (d == Decision::abstain && default_policy == "allow");
}

}  // namespace peering
