// Project → ordered operations, diffed against a state snapshot.
#include "entryc/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "entryc/document.hpp"

namespace entryc::plan {

const char* to_string(Action a) {
  switch (a) {
    case Action::create: return "create";
    case Action::update: return "update";
    case Action::remove: return "delete";
  }
  return "?";
}

char symbol(Action a) {
  switch (a) {
    case Action::create: return '+';
    case Action::update: return '~';
    case Action::remove: return '-';
  }
  return '?';
}

const char* to_string(Step s) {
  switch (s) {
    case Step::prerequisites: return "prerequisites";
    case Step::generate_token: return "generate-token";
    case Step::establish: return "establish";
    case Step::export_services: return "export";
    case Step::authorize: return "authorize";
    case Step::acl: return "acl";
    case Step::cleanup: return "cleanup";
  }
  return "?";
}

std::size_t Plan::count(Action a) const {
  return static_cast<std::size_t>(std::count_if(ops.begin(), ops.end(), [&](const Op& o) { return o.action == a; }));
}

namespace {

Step step_of(std::string_view kind) {
  if (kind == "exported-services") return Step::export_services;
  if (kind == "service-intentions") return Step::authorize;
  if (kind == lint::kAclRules) return Step::acl;
  return Step::prerequisites;
}

// A string member, or "" (nlohmann's value() trips GCC's -Wnull-dereference).
std::string text_of(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get_ref<const std::string&>() : std::string();
}

// The ModifyIndex of an entry from the snapshot, when it has a usable one.
std::optional<std::uint64_t> modify_index(const Json& entry) {
  const auto it = entry.find("ModifyIndex");
  if (it == entry.end()) return std::nullopt;
  if (it->is_number_unsigned()) return it->get<std::uint64_t>();
  if (it->is_number_integer() && it->get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(it->get<std::int64_t>());
  return std::nullopt;
}

// "" for the default namespace.
std::string namespace_of(const Json& entry) {
  const std::string ns = text_of(entry, "Namespace");
  return ns == "default" ? std::string() : ns;
}

std::string partition_key(const std::string& cluster, const std::string& partition) {
  return cluster + "/" + partition;
}

// ---- comparing entries the way Consul stores them

// Fields the server fills in or computes: never a difference.
bool computed(std::string_view key) {
  return key == "CreateIndex" || key == "ModifyIndex" || key == "Hash" || key == "Status" || key == "Precedence" ||
         key == "CreatedAt" || key == "UpdatedAt";
}

bool zero(const Json& j) {
  return j.is_null() || (j.is_boolean() && !j.get<bool>()) || (j.is_number() && j == 0) ||
         (j.is_string() && j.get_ref<const std::string&>().empty()) || (j.is_array() && j.empty()) ||
         (j.is_object() && j.empty());
}

// Lists whose order Consul does not give a meaning to.
bool unordered(std::string_view key) {
  return key == "Services" || key == "Consumers" || key == "Sources" || key == "Methods";
}

// Defaults, computed fields and the order of set-like lists removed; what
// is left is what a write would change.
Json canonical(const Json& j, std::string_view key = {}) {
  if (j.is_object()) {
    std::map<std::string, Json> sorted;
    for (const auto& [k, v] : j.items()) {
      if (computed(k)) continue;
      Json c = canonical(v, k);
      if (zero(c)) continue;
      // Consul's defaults for the fields in scope.
      if ((k == "Namespace" || k == "Partition") && c == "default") continue;
      if (k == "Type" && c == "consul") continue;
      sorted.emplace(k, std::move(c));
    }
    Json out = Json::object();
    for (auto& [k, v] : sorted) out[k] = std::move(v);
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const Json& e : j) out.push_back(canonical(e));
    if (unordered(key)) {
      std::vector<std::pair<std::string, Json>> items;
      for (Json& e : out) items.emplace_back(e.dump(), std::move(e));
      std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      out = Json::array();
      for (auto& [_, e] : items) out.push_back(std::move(e));
    }
    return out;
  }
  return j;
}

// The entry after Consul's Normalize (from the plugin that offers it).
Json normalized(const plugins::Host& host, const std::string& kind, std::string_view json, consul::Edition ed) {
  const plugins::Host::Normalized n = host.normalize(kind, json, consul::to_string(ed));
  if (n.status == plugins::Host::Normalized::Status::ok) {
    Json j = Json::parse(n.json, nullptr, false);
    if (!j.is_discarded()) return j;
  }
  return Json::parse(json, nullptr, false);
}

// A state entry as the API JSON our decoder gives for a file, so that both
// sides are compared in one shape.
std::string decode_state_entry(const Json& entry, consul::Edition ed) {
  Json stripped = Json::object();
  for (const auto& [k, v] : entry.items()) {
    if (!computed(k)) stripped[k] = v;
  }
  SourceManager sm;
  const FileId id = sm.add("state", stripped.dump());
  diag::Collector ignore;
  ReadOptions ro;
  ro.reader = Reader::consul;
  ParsedDocument pd = read_document(sm, id, ignore, ro);
  if (!pd.accepted()) return stripped.dump();
  consul::DecodeResult r = consul::decode_config_entry(pd.doc, pd.tree, ed, consul::Side::server, ignore);
  if (!r.entry || !r.entry->checked_kind) return stripped.dump();
  return r.entry->json;
}

// What the compiler needs from an entry's JSON, read without building it:
// the peers it names (`Peer` anywhere: exported-services consumers and
// intention sources) and whether it sets a top-level `Partition`.
struct Refs {
  std::vector<std::string> peers;
  bool partition = false;
};

class RefScanner final : public nlohmann::json_sax<Json> {
 public:
  explicit RefScanner(Refs& out) : out_(out) {}
  bool null() override { return done(); }
  bool boolean(bool) override { return done(); }
  bool number_integer(number_integer_t) override { return done(); }
  bool number_unsigned(number_unsigned_t) override { return done(); }
  bool number_float(number_float_t, const string_t&) override { return done(); }
  bool string(string_t& v) override {
    if (key_ == "Peer" && std::find(out_.peers.begin(), out_.peers.end(), v) == out_.peers.end()) out_.peers.push_back(v);
    if (key_ == "Partition" && depth_ == 1) out_.partition = true;
    return done();
  }
  bool binary(binary_t&) override { return done(); }
  bool start_object(std::size_t) override {
    ++depth_;
    key_.clear();
    return true;
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool end_object() override {
    --depth_;
    key_.clear();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return done(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool done() {
    key_.clear();
    return true;
  }
  Refs& out_;
  std::string key_;
  int depth_ = 0;
};

Refs scan_refs(std::string_view json) {
  Refs r;
  RefScanner sax(r);
  Json::sax_parse(json, &sax);
  return r;
}

// The first difference between two canonical values, for the plan's detail line.
std::string first_difference(const Json& want, const Json& have, const std::string& path = {}) {
  if (want.is_object() && have.is_object()) {
    std::set<std::string> keys;
    for (const auto& [k, _] : want.items()) keys.insert(k);
    for (const auto& [k, _] : have.items()) keys.insert(k);
    for (const std::string& k : keys) {
      const std::string p = path.empty() ? k : path + "." + k;
      if (!want.contains(k)) return p + " is removed";
      if (!have.contains(k)) return p + " is added";
      std::string d = first_difference(want[k], have[k], p);
      if (!d.empty()) return d;
    }
    return {};
  }
  if (want.is_array() && have.is_array() && want.size() == have.size()) {
    for (std::size_t i = 0; i < want.size(); ++i) {
      std::string d = first_difference(want[i], have[i], fmt::format("{}[{}]", path, i));
      if (!d.empty()) return d;
    }
    return {};
  }
  if (want == have) return {};
  if (want.is_array() && have.is_array()) {
    return fmt::format("{} has {} items (now {})", path, want.size(), have.size());
  }
  std::string w = want.dump(), h = have.dump();
  if (w.size() > 40) w = w.substr(0, 37) + "...";
  if (h.size() > 40) h = h.substr(0, 37) + "...";
  return fmt::format("{}: {} (now {})", path.empty() ? "value" : path, w, h);
}

}  // namespace

Plan compile(const project::Project& project, const plugins::Host& host, const State* state) {
  const project::Topology& topo = project.topo;
  Plan plan;
  plan.project = topo.path;

  // Topology order of clusters and partitions, for a stable sort.
  std::map<std::string, std::pair<std::size_t, std::size_t>> order;
  for (std::size_t ci = 0; ci < topo.clusters.size(); ++ci) {
    for (std::size_t pi = 0; pi < topo.clusters[ci].partitions.size(); ++pi) {
      order[partition_key(topo.clusters[ci].name, topo.clusters[ci].partitions[pi].name)] = {ci, pi};
    }
  }
  auto edition_of = [&](const std::string& cluster) {
    const project::Cluster* c = topo.cluster(cluster);
    return c ? c->edition : consul::Edition::ce;
  };

  // 1-2: peerings. Which op makes peer name N exist in a partition.
  std::map<std::pair<std::string, std::string>, std::string> peer_op;
  auto has_peering = [&](const project::Ref& at, const std::string& name, bool dialer) {
    if (!state) return false;
    for (const State::Peering& p : state->peerings) {
      if (p.cluster != at.cluster || p.partition != at.partition || p.name != name) continue;
      if (p.state == "DELETING" || p.state == "TERMINATED") return false;
      return !dialer || p.state == "ESTABLISHING" || p.state == "ACTIVE" || p.state == "FAILING";
    }
    return false;
  };
  for (const project::Peering& p : topo.peerings) {
    Op gen;
    gen.type = "peering.generate-token";
    gen.step = Step::generate_token;
    gen.cluster = p.acceptor.cluster;
    gen.partition = p.acceptor.partition;
    gen.target = p.acceptor_peer_name;
    gen.id = fmt::format("{}:{}:{}", gen.type, p.acceptor.str(), gen.target);
    Json gb = {{"PeerName", p.acceptor_peer_name}};
    if (p.acceptor.partition != "default") gb["Partition"] = p.acceptor.partition;
    gen.body = gb.dump();
    Op est;
    est.type = "peering.establish";
    est.step = Step::establish;
    est.cluster = p.dialer.cluster;
    est.partition = p.dialer.partition;
    est.target = p.dialer_peer_name;
    est.id = fmt::format("{}:{}:{}", est.type, p.dialer.str(), est.target);
    Json eb = {{"PeerName", p.dialer_peer_name}, {"PeeringToken", {{"$ref", gen.id + ".PeeringToken"}}}};
    if (p.dialer.partition != "default") eb["Partition"] = p.dialer.partition;
    est.body = eb.dump();
    est.depends_on.push_back(gen.id);
    const bool done = has_peering(p.acceptor, p.acceptor_peer_name, false) && has_peering(p.dialer, p.dialer_peer_name, true);
    if (done) {
      plan.unchanged += 2;
      continue;
    }
    peer_op[{p.acceptor.str(), p.acceptor_peer_name}] = gen.id;
    peer_op[{p.dialer.str(), p.dialer_peer_name}] = est.id;
    plan.ops.push_back(std::move(gen));
    plan.ops.push_back(std::move(est));
  }

  // 3-5 (and 0): entries.
  constexpr std::size_t kNone = SIZE_MAX;
  std::map<std::string, std::size_t> index;  // op id -> its slot in plan.ops (kNone: unchanged)
  std::set<std::tuple<std::string, std::string, std::string, std::string>> desired;  // cluster, partition, kind, name
  std::set<std::tuple<std::string, std::string, std::string>> managed_kinds;        // cluster, partition, kind
  for (const project::Entry& e : project.entries) {
    if (e.errors || e.kind.empty()) continue;
    const bool acl = e.kind == lint::kAclRules;
    Op op;
    op.type = acl ? "acl.policy.write" : "config.write";
    op.step = step_of(e.kind);
    op.cluster = e.at.cluster;
    op.partition = e.at.partition;
    // Enterprise entries in another namespace: <kind>/<namespace>/<name>.
    op.target = acl ? e.name : e.kind + "/" + (e.ns.empty() ? e.name : e.ns + "/" + e.name);
    op.id = fmt::format("{}:{}:{}", op.type, e.at.str(), op.target);
    op.source = e.rel;
    // load_project warned about a second definition: the later file wins.
    const auto [slot, fresh] = index.try_emplace(op.id, plan.ops.size());
    desired.insert({e.at.cluster, e.at.partition, acl ? "acl-policy" : e.kind, e.ns + "/" + e.name});
    if (!acl) managed_kinds.insert({e.at.cluster, e.at.partition, e.kind});
    if (acl) {
      Json b = {{"Name", e.name}, {"Rules", e.text}};
      if (e.at.partition != "default") b["Partition"] = e.at.partition;
      op.body = b.dump();
    } else {
      const Refs refs = scan_refs(e.json);
      op.body = std::string(e.json);
      if (e.at.partition != "default" && !refs.partition && op.body.size() > 2 && op.body.back() == '}') {
        op.body.pop_back();
        op.body += ",\"Partition\":" + Json(e.at.partition).dump() + "}";
      }
      // Peers it names must exist first.
      for (const std::string& peer : refs.peers) {
        auto it = peer_op.find({e.at.str(), peer});
        if (it != peer_op.end() && std::find(op.depends_on.begin(), op.depends_on.end(), it->second) == op.depends_on.end()) {
          op.depends_on.push_back(it->second);
        }
      }
    }

    // Against the snapshot.
    if (state) {
      if (acl) {
        for (const State::AclPolicy& p : state->acl_policies) {
          if (p.cluster != e.at.cluster || p.partition != e.at.partition || p.name != e.name) continue;
          op.action = Action::update;
          const plugins::Host::Normalized want = host.normalize(lint::kAclRules, e.json, consul::to_string(edition_of(e.at.cluster)));
          // Compare the rules by meaning when the acl-rules plugin can read both.
          SourceManager sm;
          const FileId id = sm.add("state", p.rules);
          diag::Collector ignore;
          ParsedDocument pd = read_document(sm, id, ignore);
          std::string have_json;
          if (pd.accepted() && pd.tree.root) generic::write_json(pd.tree.root, have_json, false, generic::KeyOrder::as_written);
          const plugins::Host::Normalized have =
              have_json.empty() ? plugins::Host::Normalized{}
                                : host.normalize(lint::kAclRules, have_json, consul::to_string(edition_of(e.at.cluster)));
          const bool same = want.status == plugins::Host::Normalized::Status::ok &&
                                    have.status == plugins::Host::Normalized::Status::ok
                                ? canonical(Json::parse(want.json, nullptr, false)) ==
                                      canonical(Json::parse(have.json, nullptr, false))
                                : p.rules == e.text;
          if (same) {
            ++plan.unchanged;
            op.id.clear();
          } else {
            op.detail = "the rules differ";
          }
          break;
        }
      } else {
        for (const State::ConfigEntry& s : state->config_entries) {
          if (s.cluster != e.at.cluster || s.partition != e.at.partition || text_of(s.entry, "Kind") != e.kind ||
              text_of(s.entry, "Name") != e.name || namespace_of(s.entry) != e.ns) {
            continue;
          }
          const consul::Edition ed = edition_of(e.at.cluster);
          Json want = canonical(normalized(host, e.kind, e.json, ed));
          Json have = canonical(normalized(host, e.kind, decode_state_entry(s.entry, ed), ed));
          // Consul Enterprise answers with the entry's own partition; the
          // project file leaves it implied by where the entry sits.
          for (Json* j : {&want, &have}) {
            if (j->is_object() && j->contains("Partition") && (*j)["Partition"] == e.at.partition) j->erase("Partition");
          }
          if (want == have) {
            ++plan.unchanged;
            op.id.clear();
          } else {
            op.action = Action::update;
            op.detail = first_difference(want, have);
            op.cas = modify_index(s.entry);
          }
          break;
        }
      }
    }
    if (!fresh && slot->second != kNone) plan.ops[slot->second].id.clear();  // replaced
    if (!fresh && slot->second == kNone) --plan.unchanged;
    if (op.id.empty()) {
      slot->second = kNone;
    } else {
      slot->second = plan.ops.size();
      plan.ops.push_back(std::move(op));
    }
  }
  plan.ops.erase(std::remove_if(plan.ops.begin(), plan.ops.end(), [](const Op& o) { return o.id.empty(); }),
                 plan.ops.end());

  // 6: what the snapshot has and the project no longer does, for the kinds
  // the project manages there (exported-services and service-intentions
  // always, in every declared partition).
  if (state) {
    for (const State::ConfigEntry& s : state->config_entries) {
      const std::string kind = text_of(s.entry, "Kind");
      const std::string name = text_of(s.entry, "Name");
      const std::string ns = namespace_of(s.entry);
      if (!order.count(partition_key(s.cluster, s.partition))) continue;
      const bool managed = kind == "exported-services" || kind == "service-intentions" ||
                           managed_kinds.count({s.cluster, s.partition, kind});
      if (!managed || desired.count({s.cluster, s.partition, kind, ns + "/" + name})) continue;
      Op op;
      op.type = "config.delete";
      op.action = Action::remove;
      op.step = Step::cleanup;
      op.cluster = s.cluster;
      op.partition = s.partition;
      op.target = kind + "/" + (ns.empty() ? name : ns + "/" + name);
      op.id = fmt::format("{}:{}/{}:{}", op.type, s.cluster, s.partition, op.target);
      Json b = {{"Kind", kind}, {"Name", name}};
      if (!ns.empty()) b["Namespace"] = ns;
      if (s.partition != "default") b["Partition"] = s.partition;
      op.body = b.dump();
      op.cas = modify_index(s.entry);
      if (index.try_emplace(op.id, plan.ops.size()).second) plan.ops.push_back(std::move(op));
    }
  }

  // Order: step, then topology order of cluster and partition, then target.
  auto rank = [&](const Op& o) {
    auto it = order.find(partition_key(o.cluster, o.partition));
    return it == order.end() ? std::pair<std::size_t, std::size_t>{SIZE_MAX, SIZE_MAX} : it->second;
  };
  std::stable_sort(plan.ops.begin(), plan.ops.end(), [&](const Op& a, const Op& b) {
    return std::tuple(static_cast<int>(a.step), rank(a), a.target) <
           std::tuple(static_cast<int>(b.step), rank(b), b.target);
  });
  // Intentions follow the exports of their partition (the seed's steps 3 and 4).
  std::map<std::string, std::vector<std::string>> exports_in;
  for (const Op& o : plan.ops) {
    if (o.type == "config.write" && o.target.rfind("exported-services/", 0) == 0) {
      exports_in[partition_key(o.cluster, o.partition)].push_back(o.id);
    }
  }
  for (Op& o : plan.ops) {
    if (o.type == "config.write" && o.target.rfind("service-intentions/", 0) == 0) {
      for (const std::string& dep : exports_in[partition_key(o.cluster, o.partition)]) o.depends_on.push_back(dep);
    }
  }
  return plan;
}

}  // namespace entryc::plan
