// Reading the project file over the syntax tree, so that HCL blocks
// (`cluster "dc1" { }`), HCL objects (`cluster = { dc1 = { } }`) and JSON
// (`{"cluster": {"dc1": { }}}`) all read the same, and every value keeps its
// position for diagnostics and for the rules that point into the topology.
#include <algorithm>
#include <array>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "entryc/document.hpp"
#include "entryc/load.hpp"
#include "entryc/project.hpp"
#include "entryc/suggest.hpp"
#include "entryc/utf8.hpp"

namespace entryc::project {
namespace fs = std::filesystem;

const Partition* Cluster::partition(std::string_view n) const {
  for (const Partition& p : partitions) {
    if (p.name == n) return &p;
  }
  return nullptr;
}

const Cluster* Topology::cluster(std::string_view n) const {
  for (const Cluster& c : clusters) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

namespace {

constexpr const char* kCode = "core-topology";

// One member of an object as the reader sees it.
struct Item {
  std::string_view key;
  const ast::Key* key_tok = nullptr;
  const ast::Value* value = nullptr;
  std::string_view label;            // labelled blocks
  const ast::Key* label_tok = nullptr;
};

class Reader {
 public:
  Reader(const ast::Document& doc, Topology& topo, diag::Sink& sink) : doc_(doc), topo_(topo), sink_(sink) {}

  bool ok() const { return errors_ == 0; }

  void read_root(const ast::Value& root) {
    topo_.paths.add("", {{}, {doc_.file, 0, 0}});
    static const std::vector<std::string_view> kKeys = {"project", "cluster", "peering", "sameness_group"};
    for (const Item& it : members(root)) {
      if (it.key == "project") {
        for_block(it, "", [&](const ast::Value& body, const std::string&) { read_project(body); });
      } else if (it.key == "cluster") {
        for_labelled(it, [&](std::string_view label, const ast::Key* at, const ast::Value& body) {
          read_cluster(label, at, body);
        });
      } else if (it.key == "peering") {
        for_labelled(it, [&](std::string_view label, const ast::Key* at, const ast::Value& body) {
          read_peering(label, at, body);
        });
      } else if (it.key == "sameness_group") {
        for_labelled(it, [&](std::string_view label, const ast::Key* at, const ast::Value& body) {
          read_group(label, at, body);
        });
      } else {
        unknown(it, kKeys, "the top level");
      }
    }
  }

  // References are checked once everything is read (order does not matter).
  void resolve() {
    const std::size_t nc = topo_.clusters.size();
    for (std::size_t i = 0; i < topo_.peerings.size(); ++i) {
      const Peering& p = topo_.peerings[i];
      const std::string at = fmt::format("peerings[{}]", i);
      check_ref(p.acceptor, at + ".acceptor");
      check_ref(p.dialer, at + ".dialer");
      if (p.acceptor == p.dialer && !p.acceptor.cluster.empty()) {
        error(at + ".dialer", "a peering needs two different partitions",
              "The acceptor and the dialer are the same cluster/partition.");
      }
    }
    for (std::size_t i = 0; i < topo_.sameness_groups.size(); ++i) {
      const SamenessGroup& g = topo_.sameness_groups[i];
      // Sameness groups are Enterprise too.
      for (const Ref& m : g.members) {
        if (std::find(implied_.begin(), implied_.end(), m.cluster) == implied_.end()) continue;
        for (Cluster& c : topo_.clusters) {
          if (c.name == m.cluster) c.edition = consul::Edition::ent;
        }
      }
      for (std::size_t j = 0; j < g.members.size(); ++j) check_ref(g.members[j], fmt::format("sameness_groups[{}].members[{}]", i, j));
    }
    (void)nc;
  }

 private:
  // ---- walking the tree

  std::vector<Item> members(const ast::Value& obj) {
    std::vector<Item> out;
    for (const ast::Member& m : obj.members()) {
      Item it;
      it.key = m.key().name();
      it.key_tok = &m.key();
      it.value = m.value;
      if (m.nkeys >= 2) {
        it.label = m.keys()[1].name();
        it.label_tok = &m.keys()[1];
        if (m.nkeys > 2) {
          report(doc_.range(m.keys()[2]), fmt::format("'{}' takes one label", it.key),
                 fmt::format("Write {} \"name\" {{ ... }}.", it.key));
        }
      }
      out.push_back(it);
    }
    return out;
  }

  // An unlabelled block: `acl { }`, `acl = { }`, JSON `"acl": {}` or `[{}]`.
  template <class F>
  void for_block(const Item& it, const std::string& path, F&& f) {
    const ast::Value* v = it.value;
    if (it.label_tok) {
      report(doc_.range(*it.label_tok), fmt::format("'{}' takes no label", it.key), {});
      return;
    }
    if (v && v->kind == ast::Kind::array && v->count == 1 && v->items()[0]->kind == ast::Kind::object) {
      v = v->items()[0];
    }
    if (!v || v->kind != ast::Kind::object) {
      report(v ? doc_.range(*v) : doc_.range(*it.key_tok), fmt::format("'{}' must be a block", it.key),
             fmt::format("Write {} {{ ... }}.", it.key));
      return;
    }
    f(*v, path);
  }

  // Labelled blocks: `cluster "dc1" { }`, or an object of them
  // (`cluster = { dc1 = { } }`, JSON `"cluster": {"dc1": {}}`), or a list of such objects.
  template <class F>
  void for_labelled(const Item& it, F&& f) {
    auto body_of = [&](const ast::Value* v) -> const ast::Value* {
      if (v && v->kind == ast::Kind::array && v->count == 1) v = v->items()[0];
      return v && v->kind == ast::Kind::object ? v : nullptr;
    };
    if (it.label_tok) {
      const ast::Value* body = body_of(it.value);
      if (!body) {
        report(doc_.range(*it.value), fmt::format("'{} \"{}\"' must be a block", it.key, it.label), {});
        return;
      }
      if (utf8_text(it.label, doc_.range(*it.label_tok), fmt::format("the {} name", it.key))) {
        f(it.label, it.label_tok, *body);
      }
      return;
    }
    auto each_object = [&](const ast::Value& obj) {
      for (const ast::Member& m : obj.members()) {
        const ast::Value* body = body_of(m.value);
        if (!body || m.nkeys != 1) {
          report(doc_.range(m), fmt::format("'{}' entries must be blocks named by their label", it.key),
                 fmt::format("Write {} \"name\" {{ ... }}.", it.key));
          continue;
        }
        if (utf8_text(m.key().name(), doc_.range(m.key()), fmt::format("the {} name", it.key))) {
          f(m.key().name(), &m.key(), *body);
        }
      }
    };
    const ast::Value* v = it.value;
    if (v && v->kind == ast::Kind::object) {
      each_object(*v);
    } else if (v && v->kind == ast::Kind::array) {
      for (const ast::Value* e : v->items()) {
        if (e->kind == ast::Kind::object) each_object(*e);
        else report(doc_.range(*e), fmt::format("'{}' entries must be blocks named by their label", it.key), {});
      }
    } else {
      report(v ? doc_.range(*v) : doc_.range(*it.key_tok),
             fmt::format("'{}' needs a label: {} \"name\" {{ ... }}", it.key, it.key), {});
    }
  }

  // ---- values

  // Names, addresses and paths travel on as JSON (plans, plugin and backend
  // options), which holds UTF-8 only: a string with other bytes (made by an
  // escape such as "\333") is refused where it is written.
  bool utf8_text(std::string_view s, SourceRange at, std::string_view what) {
    if (utf8::first_invalid(s) == std::string_view::npos) return true;
    report(at, fmt::format("{} is not valid UTF-8", what),
           "An escape such as \\333 or \\xff writes a byte that is not UTF-8; the project file's names, "
           "addresses and paths must be UTF-8 text.");
    return false;
  }

  void record(const std::string& path, const Item& it) {
    topo_.paths.add(path, {it.key_tok ? doc_.range(*it.key_tok) : SourceRange{}, doc_.range(*it.value)});
  }

  std::optional<std::string> string(const Item& it, const std::string& path) {
    record(path, it);
    const ast::Value* v = it.value;
    if (v->kind == ast::Kind::string) {
      if (!utf8_text(v->string(), doc_.range(*v), fmt::format("'{}'", it.key))) return std::nullopt;
      return std::string(v->string());
    }
    report(doc_.range(*v), fmt::format("'{}' must be a string", it.key), {});
    return std::nullopt;
  }

  std::optional<bool> boolean(const Item& it, const std::string& path) {
    record(path, it);
    if (it.value->kind == ast::Kind::boolean) return it.value->boolean();
    report(doc_.range(*it.value), fmt::format("'{}' must be true or false", it.key), {});
    return std::nullopt;
  }

  std::vector<std::string> strings(const Item& it, const std::string& path) {
    record(path, it);
    std::vector<std::string> out;
    if (it.value->kind != ast::Kind::array) {
      report(doc_.range(*it.value), fmt::format("'{}' must be a list of strings", it.key),
             fmt::format("Write {} = [\"a\", \"b\"].", it.key));
      return out;
    }
    std::size_t i = 0;
    for (const ast::Value* e : it.value->items()) {
      const std::string p = fmt::format("{}[{}]", path, i++);
      topo_.paths.add(p, {{}, doc_.range(*e)});
      if (e->kind == ast::Kind::string) {
        if (utf8_text(e->string(), doc_.range(*e), fmt::format("a string in '{}'", it.key))) {
          out.emplace_back(e->string());
        }
      } else {
        report(doc_.range(*e), fmt::format("'{}' must be a list of strings", it.key), {});
      }
    }
    return out;
  }

  std::optional<Ref> ref(const Item& it, const std::string& path) {
    const std::optional<std::string> s = string(it, path);
    if (!s) return std::nullopt;
    Ref r;
    const std::size_t slash = s->find('/');
    r.cluster = s->substr(0, slash);
    if (slash != std::string::npos) r.partition = s->substr(slash + 1);
    if (r.cluster.empty() || r.partition.empty() || r.partition.find('/') != std::string::npos) {
      report(doc_.range(*it.value), fmt::format("'{}' must be \"<cluster>\" or \"<cluster>/<partition>\"", it.key), {});
      return std::nullopt;
    }
    return r;
  }

  void check_ref(const Ref& r, const std::string& path) {
    if (r.cluster.empty()) return;
    const Cluster* c = topo_.cluster(r.cluster);
    if (!c) {
      std::vector<std::string_view> names;
      for (const Cluster& k : topo_.clusters) names.push_back(k.name);
      std::string summary = fmt::format("no cluster named '{}'", r.cluster);
      if (auto m = suggest(r.cluster, names)) summary += fmt::format("; did you mean '{}'?", *m);
      error(path, std::move(summary), "Declare it with cluster \"" + r.cluster + "\" { ... }.");
      return;
    }
    if (!c->partition(r.partition)) {
      std::vector<std::string_view> names;
      for (const Partition& p : c->partitions) names.push_back(p.name);
      std::string summary = fmt::format("cluster '{}' has no partition '{}'", r.cluster, r.partition);
      if (auto m = suggest(r.partition, names)) summary += fmt::format("; did you mean '{}'?", *m);
      error(path, std::move(summary), "Declare it inside the cluster with partition \"" + r.partition + "\" { ... }.");
    }
  }

  // ---- blocks

  void read_project(const ast::Value& body) {
    static const std::vector<std::string_view> kKeys = {"edition"};
    for (const Item& it : members(body)) {
      if (it.key == "edition") {
        if (auto e = edition(it, "project.edition")) topo_.default_edition = *e;
      } else {
        unknown(it, kKeys, "project");
      }
    }
  }

  std::optional<consul::Edition> edition(const Item& it, const std::string& path) {
    const std::optional<std::string> s = string(it, path);
    if (!s) return std::nullopt;
    if (*s == "ce") return consul::Edition::ce;
    if (*s == "ent") return consul::Edition::ent;
    report(doc_.range(*it.value), "edition must be \"ce\" or \"ent\"", {});
    return std::nullopt;
  }

  void read_cluster(std::string_view label, const ast::Key* at, const ast::Value& body) {
    for (const Cluster& c : topo_.clusters) {
      if (c.name == label) {
        report(doc_.range(*at), fmt::format("cluster '{}' is declared twice", label), "Merge the two blocks.");
        return;
      }
    }
    const std::size_t index = topo_.clusters.size();
    const std::string path = fmt::format("clusters[{}]", index);
    topo_.paths.add(path, {doc_.range(*at), doc_.range(body)});
    topo_.paths.add(path + ".name", {doc_.range(*at), doc_.range(*at)});
    Cluster c;
    c.name = std::string(label);
    c.edition = topo_.default_edition;
    bool edition_set = false;
    Partition dflt;
    dflt.name = "default";
    std::vector<Partition> others;
    static const std::vector<std::string_view> kKeys = {
        "datacenter", "region", "consul_version", "edition", "acl", "http", "partition",
        "namespaces", "services", "entries", "token", "policy"};
    // Cluster-level namespaces/services/entries/token/policy are the default partition's.
    std::vector<Item> dflt_items;
    for (const Item& it : members(body)) {
      if (it.key == "datacenter") {
        if (auto s = string(it, path + ".datacenter")) c.datacenter = *s;
      } else if (it.key == "region") {
        if (auto s = string(it, path + ".region")) c.region = *s;
      } else if (it.key == "consul_version") {
        if (auto s = string(it, path + ".consul_version")) {
          if (!parse_version(*s)) {
            report(doc_.range(*it.value), fmt::format("'{}' is not a Consul version", *s),
                   "Write the version as MAJOR.MINOR.PATCH, e.g. \"1.17.1\" (a suffix like \"+ent\" is allowed).");
          } else {
            c.consul_version = *s;
          }
        }
      } else if (it.key == "edition") {
        if (auto e = edition(it, path + ".edition")) {
          c.edition = *e;
          edition_set = true;
        }
      } else if (it.key == "acl") {
        for_block(it, path + ".acl", [&](const ast::Value& b, const std::string& p) { read_acl(b, p, c); });
      } else if (it.key == "http") {
        for_block(it, path + ".http", [&](const ast::Value& b, const std::string& p) { read_http(b, p, c.http); });
      } else if (it.key == "partition") {
        for_labelled(it, [&](std::string_view name, const ast::Key* pat, const ast::Value& pbody) {
          if (name == "default") {
            read_partition(pbody, path + ".partitions[0]", dflt);
            topo_.paths.add(path + ".partitions[0]", {doc_.range(*pat), doc_.range(pbody)});
            return;
          }
          for (const Partition& p : others) {
            if (p.name == name) {
              report(doc_.range(*pat), fmt::format("partition '{}' is declared twice in cluster '{}'", name, label),
                     "Merge the two blocks.");
              return;
            }
          }
          Partition p;
          p.name = std::string(name);
          const std::string pp = fmt::format("{}.partitions[{}]", path, others.size() + 1);
          topo_.paths.add(pp, {doc_.range(*pat), doc_.range(pbody)});
          topo_.paths.add(pp + ".name", {doc_.range(*pat), doc_.range(*pat)});
          read_partition(pbody, pp, p);
          others.push_back(std::move(p));
        });
      } else if (it.key == "namespaces" || it.key == "services" || it.key == "entries" || it.key == "token" ||
                 it.key == "policy") {
        dflt_items.push_back(it);
      } else {
        unknown(it, kKeys, "a cluster");
      }
    }
    for (const Item& it : dflt_items) partition_item(it, path + ".partitions[0]", dflt);
    if (c.datacenter.empty()) c.datacenter = c.name;
    if (!others.empty() && edition_set && c.edition == consul::Edition::ce) {
      report(doc_.range(*at), fmt::format("cluster '{}' is Consul CE but declares partitions", label),
             "Admin partitions other than \"default\" exist only in Consul Enterprise; set edition = \"ent\".");
    }
    // Partitions and namespaces other than "default" imply Enterprise.
    const bool namespaces = std::any_of(dflt.namespaces.begin(), dflt.namespaces.end(),
                                        [](const std::string& n) { return n != "default"; }) ||
                            std::any_of(others.begin(), others.end(), [](const Partition& p) {
                              return std::any_of(p.namespaces.begin(), p.namespaces.end(),
                                                 [](const std::string& n) { return n != "default"; });
                            });
    if (namespaces && edition_set && c.edition == consul::Edition::ce) {
      report(doc_.range(*at), fmt::format("cluster '{}' is Consul CE but declares namespaces", label),
             "Namespaces other than \"default\" exist only in Consul Enterprise; set edition = \"ent\".");
    }
    if ((!others.empty() || namespaces) && !edition_set) c.edition = consul::Edition::ent;
    if (!edition_set) implied_.push_back(c.name);
    c.partitions.push_back(std::move(dflt));
    for (Partition& p : others) c.partitions.push_back(std::move(p));
    topo_.clusters.push_back(std::move(c));
  }

  void read_acl(const ast::Value& body, const std::string& path, Cluster& c) {
    static const std::vector<std::string_view> kKeys = {"enabled", "default_policy"};
    for (const Item& it : members(body)) {
      if (it.key == "enabled") {
        if (auto b = boolean(it, path + ".enabled")) c.acl_enabled = *b;
      } else if (it.key == "default_policy") {
        if (auto s = string(it, path + ".default_policy")) {
          if (*s == "allow" || *s == "deny") c.acl_default_policy = *s;
          else report(doc_.range(*it.value), "default_policy must be \"allow\" or \"deny\"", {});
        }
      } else {
        unknown(it, kKeys, "acl");
      }
    }
  }

  void read_http(const ast::Value& body, const std::string& path, Http& h) {
    static const std::vector<std::string_view> kKeys = {"address",  "token_env",       "token_file",
                                                        "ca_file",  "cert_file",       "key_file",
                                                        "tls_server_name", "tls_skip_verify", "token"};
    for (const Item& it : members(body)) {
      const std::string p = path + "." + std::string(it.key);
      if (it.key == "address") {
        if (auto s = string(it, p)) h.address = *s;
      } else if (it.key == "token_env") {
        if (auto s = string(it, p)) h.token_env = *s;
      } else if (it.key == "token_file") {
        if (auto s = string(it, p)) h.token_file = *s;
      } else if (it.key == "ca_file") {
        if (auto s = string(it, p)) h.ca_file = *s;
      } else if (it.key == "cert_file") {
        if (auto s = string(it, p)) h.cert_file = *s;
      } else if (it.key == "key_file") {
        if (auto s = string(it, p)) h.key_file = *s;
      } else if (it.key == "tls_server_name") {
        if (auto s = string(it, p)) h.tls_server_name = *s;
      } else if (it.key == "tls_skip_verify") {
        if (auto b = boolean(it, p)) h.tls_skip_verify = *b;
      } else if (it.key == "token") {
        // Never keep a literal secret: say where it is without echoing it.
        record(p, it);
        report(doc_.range(*it.key_tok), "an ACL token must not be written in the project file",
               "Put it in an environment variable (token_env = \"CONSUL_HTTP_TOKEN\") or a file only you can read "
               "(token_file = \"...\"); project files end up in git.");
      } else {
        unknown(it, kKeys, "http");
      }
    }
  }

  void read_partition(const ast::Value& body, const std::string& path, Partition& p) {
    for (const Item& it : members(body)) partition_item(it, path, p);
  }

  void partition_item(const Item& it, const std::string& path, Partition& p) {
    static const std::vector<std::string_view> kKeys = {"namespaces", "services", "entries", "token", "policy"};
    if (it.key == "namespaces") {
      append(p.namespaces, strings(it, path + ".namespaces"));
    } else if (it.key == "services") {
      append(p.services, strings(it, path + ".services"));
    } else if (it.key == "entries") {
      append(p.entries, strings(it, path + ".entries"));
    } else if (it.key == "token") {
      for_labelled(it, [&](std::string_view name, const ast::Key* at, const ast::Value& body) {
        const std::string tp = fmt::format("{}.tokens[{}]", path, p.tokens.size());
        topo_.paths.add(tp, {doc_.range(*at), doc_.range(body)});
        topo_.paths.add(tp + ".name", {doc_.range(*at), doc_.range(*at)});
        Token t;
        t.name = std::string(name);
        static const std::vector<std::string_view> kTokenKeys = {"policies", "service_identities", "mesh_gateway"};
        for (const Item& ti : members(body)) {
          if (ti.key == "policies") t.policies = strings(ti, tp + ".policies");
          else if (ti.key == "service_identities") t.service_identities = strings(ti, tp + ".service_identities");
          else if (ti.key == "mesh_gateway") t.mesh_gateway = boolean(ti, tp + ".mesh_gateway").value_or(false);
          else unknown(ti, kTokenKeys, "token");
        }
        p.tokens.push_back(std::move(t));
      });
    } else if (it.key == "policy") {
      for_labelled(it, [&](std::string_view name, const ast::Key* at, const ast::Value& body) {
        const std::string pp = fmt::format("{}.policies[{}]", path, p.policies.size());
        topo_.paths.add(pp, {doc_.range(*at), doc_.range(body)});
        topo_.paths.add(pp + ".name", {doc_.range(*at), doc_.range(*at)});
        PolicyDecl d;
        d.name = std::string(name);
        static const std::vector<std::string_view> kPolicyKeys = {"file"};
        for (const Item& pi : members(body)) {
          if (pi.key == "file") d.file = string(pi, pp + ".file").value_or("");
          else unknown(pi, kPolicyKeys, "policy");
        }
        if (d.file.empty()) {
          report(doc_.range(*at), fmt::format("policy '{}' needs a file", name),
                 "Write policy \"" + std::string(name) + "\" { file = \"acl/" + std::string(name) + ".hcl\" }.");
        }
        p.policies.push_back(std::move(d));
      });
    } else {
      unknown(it, kKeys, "a partition");
    }
  }

  void read_peering(std::string_view label, const ast::Key* at, const ast::Value& body) {
    const std::string path = fmt::format("peerings[{}]", topo_.peerings.size());
    topo_.paths.add(path, {doc_.range(*at), doc_.range(body)});
    topo_.paths.add(path + ".id", {doc_.range(*at), doc_.range(*at)});
    for (const Peering& p : topo_.peerings) {
      if (p.id == label) {
        report(doc_.range(*at), fmt::format("peering '{}' is declared twice", label), "Give each peering its own id.");
        return;
      }
    }
    Peering p;
    p.id = std::string(label);
    bool have_acceptor = false, have_dialer = false;
    static const std::vector<std::string_view> kKeys = {"acceptor", "dialer", "acceptor_peer_name",
                                                        "dialer_peer_name"};
    for (const Item& it : members(body)) {
      const std::string fp = path + "." + std::string(it.key);
      if (it.key == "acceptor") {
        if (auto r = ref(it, fp)) p.acceptor = *r;
        have_acceptor = true;
      } else if (it.key == "dialer") {
        if (auto r = ref(it, fp)) p.dialer = *r;
        have_dialer = true;
      } else if (it.key == "acceptor_peer_name") {
        if (auto s = string(it, fp)) p.acceptor_peer_name = *s;
      } else if (it.key == "dialer_peer_name") {
        if (auto s = string(it, fp)) p.dialer_peer_name = *s;
      } else {
        unknown(it, kKeys, "a peering");
      }
    }
    if (!have_acceptor || !have_dialer) {
      report(doc_.range(*at), fmt::format("peering '{}' needs both acceptor and dialer", label),
             "The acceptor generates the peering token; the dialer establishes the peering with it: "
             "acceptor = \"cluster-01/default\", dialer = \"cluster-02/default\".");
    }
    // Consul's CLI examples name each side after the other cluster.
    if (p.acceptor_peer_name.empty()) p.acceptor_peer_name = p.dialer.cluster;
    if (p.dialer_peer_name.empty()) p.dialer_peer_name = p.acceptor.cluster;
    topo_.peerings.push_back(std::move(p));
  }

  void read_group(std::string_view label, const ast::Key* at, const ast::Value& body) {
    const std::string path = fmt::format("sameness_groups[{}]", topo_.sameness_groups.size());
    topo_.paths.add(path, {doc_.range(*at), doc_.range(body)});
    topo_.paths.add(path + ".name", {doc_.range(*at), doc_.range(*at)});
    SamenessGroup g;
    g.name = std::string(label);
    static const std::vector<std::string_view> kKeys = {"members"};
    for (const Item& it : members(body)) {
      if (it.key != "members") {
        unknown(it, kKeys, "a sameness group");
        continue;
      }
      record(path + ".members", it);
      if (it.value->kind != ast::Kind::array) {
        report(doc_.range(*it.value), "'members' must be a list of \"cluster/partition\"", {});
        continue;
      }
      std::size_t i = 0;
      for (const ast::Value* e : it.value->items()) {
        const std::string mp = fmt::format("{}.members[{}]", path, i++);
        Item one{it.key, nullptr, e, {}, nullptr};
        if (auto r = ref(one, mp)) g.members.push_back(*r);
      }
    }
    topo_.sameness_groups.push_back(std::move(g));
  }

  // ---- diagnostics

  void unknown(const Item& it, const std::vector<std::string_view>& keys, std::string_view where) {
    std::string summary = fmt::format("unknown setting '{}' in {}", it.key, where);
    if (auto m = suggest(it.key, keys)) summary += fmt::format("; did you mean '{}'?", *m);
    std::string list;
    for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
    report(doc_.range(*it.key_tok), std::move(summary), fmt::format("Settings here: {}.", list));
  }

  void error(const std::string& path, std::string summary, std::string detail) {
    const auto at = topo_.paths.find(path);
    report(at ? at->value : SourceRange{doc_.file, 0, 0}, std::move(summary), std::move(detail));
  }

  void report(SourceRange at, std::string summary, std::string detail) {
    ++errors_;
    sink_.report(diag::make(diag::Severity::error, kCode, std::move(summary), at, std::move(detail)));
  }

  static void append(std::vector<std::string>& to, std::vector<std::string> from) {
    for (std::string& s : from) to.push_back(std::move(s));
  }

  const ast::Document& doc_;
  Topology& topo_;
  diag::Sink& sink_;
  int errors_ = 0;
  std::vector<std::string> implied_;  // clusters whose edition was not written

 public:
  static std::optional<std::array<int, 3>> parse_version(std::string_view s) {
    if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
    std::array<int, 3> v{};
    for (int i = 0; i < 3; ++i) {
      if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
      int n = 0;
      while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
        n = n * 10 + (s[0] - '0');
        if (n > 100000) return std::nullopt;
        s.remove_prefix(1);
      }
      v[static_cast<std::size_t>(i)] = n;
      if (i < 2) {
        if (s.empty() || s[0] != '.') return std::nullopt;
        s.remove_prefix(1);
      }
    }
    if (!s.empty() && s[0] != '+' && s[0] != '-') return std::nullopt;
    return v;
  }
};

}  // namespace

std::optional<Topology> load_topology(SourceManager& sm, const std::string& path, diag::Sink& sink) {
  const std::optional<FileId> id = load::read(sm, {path, false}, sink);
  if (!id) return std::nullopt;
  ParsedDocument pd = read_document(sm, *id, sink);
  if (!pd.doc.root || !pd.accepted()) return std::nullopt;
  Topology topo;
  topo.file = *id;
  topo.path = path;
  std::error_code ec;
  topo.dir = fs::path(path).parent_path().string();
  if (topo.dir.empty()) topo.dir = ".";
  Reader r(pd.doc, topo, sink);
  r.read_root(*pd.doc.root);
  r.resolve();
  if (topo.clusters.empty()) {
    sink.report(diag::make(diag::Severity::error, kCode, "the project declares no cluster", {*id, 0, 0},
                           "Declare each Consul cluster: cluster \"cluster-01\" { ... } (docs/project-file.md)."));
  }
  return topo;
}

std::string find_project_file(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start.empty() ? fs::path(".") : fs::path(start), ec);
  if (fs::is_regular_file(dir, ec)) dir = dir.parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    for (const char* name : {"entryc.hcl", "topology.hcl"}) {
      if (fs::is_regular_file(dir / name, ec)) return (dir / name).string();
    }
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace entryc::project
