// The built-in runtime at scale: builds worlds of three sizes through
// World::apply (peerings, exports, intentions, ACL policies, generated
// deterministically), then asks allowed() a few million questions (local and
// peer callers, allow / deny / default outcomes, some L7) and reports
// apply ops/s, decisions/s and peak RSS. Prints one JSON line per size.
//
//   entryc-bench-runtime [--decisions N] [--sizes small,medium,large]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "world.hpp"

namespace {

using entryc::runtime::Json;
using entryc::runtime::Request;
using entryc::runtime::Result;
using entryc::runtime::ServiceRef;
using entryc::runtime::World;
using Clock = std::chrono::steady_clock;

struct Size {
  const char* name;
  int clusters;
  int services;  // in all
  int sources;   // intention sources in all
};

// CPU time of this thread: the VM is shared, so wall time alone undersells
// a single thread's throughput when other work competes for the cores.
double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

std::string cluster_name(int c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "c%03d", c);
  return buf;
}

std::string service_name(int c, int s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "svc-%03d-%04d", c, s);
  return buf;
}

// Who peers with whom: a ring, a chord of three, and cluster 0 as a hub.
// The lower index accepts; each side names the other after its cluster.
std::vector<std::pair<int, int>> peerings(int clusters) {
  std::vector<std::pair<int, int>> out;
  auto add = [&](int a, int b) {
    if (a == b) return;
    const std::pair<int, int> p{std::min(a, b), std::max(a, b)};
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  for (int c = 0; c < clusters; ++c) {
    add(c, (c + 1) % clusters);
    add(c, (c + 3) % clusters);
    add(0, c);
  }
  return out;
}

struct Built {
  World world;
  long ops = 0;
  double apply_s = 0;
  std::vector<std::vector<int>> peers;  // cluster -> peered clusters
  // (dst cluster, dst service, src cluster, src service) of written sources,
  // so that questions also hit pairs an intention names.
  std::vector<std::array<int, 4>> named_pairs;
};

Built build(const Size& size, std::mt19937_64& rng) {
  const int per = size.services / size.clusters;
  Json clusters = Json::array();
  for (int c = 0; c < size.clusters; ++c) {
    Json services = Json::array(), tokens = Json::array();
    for (int s = 0; s < per; ++s) {
      services.push_back(service_name(c, s));
      // Every tenth sidecar has a read-only token that cannot read imports.
      tokens.push_back({{"name", service_name(c, s)},
                        {"policies", Json::array({s % 10 == 9 ? "readonly" : service_name(c, s) + "-sidecar"})},
                        {"service_identities", Json::array()},
                        {"mesh_gateway", false}});
    }
    clusters.push_back(
        {{"name", cluster_name(c)},
         {"datacenter", "dc-" + cluster_name(c)},
         {"edition", "ce"},
         {"acl", {{"enabled", true}, {"default_policy", "deny"}}},
         {"partitions", Json::array({{{"name", "default"}, {"services", services}, {"tokens", tokens}}})}});
  }
  Built b{World(Json{{"clusters", clusters}}),
          0,
          0,
          std::vector<std::vector<int>>(static_cast<std::size_t>(size.clusters)),
          {}};
  b.world.seed(1);
  auto apply = [&](const Json& op) {
    const auto t = Clock::now();
    Result r = b.world.apply(op);
    b.apply_s += std::chrono::duration<double>(Clock::now() - t).count();
    ++b.ops;
    if (r.status != 200) {
      std::fprintf(stderr, "op refused (%d): %s\n%s\n", r.status, r.error.c_str(), op.dump().substr(0, 300).c_str());
      std::exit(1);
    }
    return r;
  };
  auto op = [](const char* type, int c, Json body) {
    return Json{{"type", type}, {"cluster", cluster_name(c)}, {"partition", "default"}, {"body", std::move(body)}};
  };

  // 1-2: peerings.
  for (const auto& [a, d] : peerings(size.clusters)) {
    const Result g = apply(op("peering.generate-token", a, {{"PeerName", cluster_name(d)}}));
    apply(op("peering.establish", d, {{"PeerName", cluster_name(a)}, {"PeeringToken", g.outputs["PeeringToken"]}}));
    b.peers[static_cast<std::size_t>(a)].push_back(d);
    b.peers[static_cast<std::size_t>(d)].push_back(a);
  }

  const int sources_per_cluster = size.sources / size.clusters;
  for (int c = 0; c < size.clusters; ++c) {
    const std::vector<int>& peers = b.peers[static_cast<std::size_t>(c)];
    // 3: exports. One cluster in five exports everything with `*`; the
    // others export a third of their services to each peer by name.
    Json services = Json::array();
    if (c % 5 == 0) {
      Json consumers = Json::array();
      for (const int p : peers) consumers.push_back({{"Peer", cluster_name(p)}});
      services.push_back({{"Name", "*"}, {"Consumers", consumers}});
    } else {
      for (int s = 0; s < per; ++s) {
        Json consumers = Json::array();
        for (const int p : peers) {
          if ((s + p) % 3 == 0) consumers.push_back({{"Peer", cluster_name(p)}});
        }
        if (!consumers.empty()) services.push_back({{"Name", service_name(c, s)}, {"Consumers", consumers}});
      }
    }
    apply(op("config.write", c, {{"Kind", "exported-services"}, {"Name", "default"}, {"Services", services}}));

    // Every tenth service speaks HTTP and gets L7 intentions.
    for (int s = 0; s < per; s += 10) {
      apply(op("config.write", c, {{"Kind", "service-defaults"}, {"Name", service_name(c, s)}, {"Protocol", "http"}}));
    }
    // 4: intentions, about sources_per_cluster sources over the cluster's
    // services: local callers, callers from peers, a `*` now and then.
    const int per_entry = std::max(1, sources_per_cluster / per);
    for (int s = 0; s < per; ++s) {
      Json sources = Json::array();
      const bool l7 = s % 10 == 0;
      for (int i = 0; i < per_entry; ++i) {
        Json src;
        const bool from_peer = !peers.empty() && i % 2 == 1;
        const int sc = from_peer ? peers[rng() % peers.size()] : c;
        const int ss = static_cast<int>(rng() % static_cast<unsigned>(per));
        src = {{"Name", service_name(sc, ss)}};
        if (from_peer) src["Peer"] = cluster_name(sc);
        b.named_pairs.push_back({c, s, sc, ss});
        if (i == per_entry - 1 && s % 4 == 0) src["Name"] = "*";
        if (l7 && !from_peer) {
          src["Permissions"] = Json::array({{{"Action", "deny"}, {"HTTP", {{"PathPrefix", "/admin"}}}},
                                            {{"Action", "allow"}, {"HTTP", {{"Methods", {"GET", "HEAD"}}}}}});
        } else {
          src["Action"] = rng() % 4 == 0 ? "deny" : "allow";
        }
        sources.push_back(std::move(src));
      }
      // Duplicates (same name and peer) are refused by Consul: keep the first.
      Json unique = Json::array();
      std::vector<std::string> seen;
      for (Json& src : sources) {
        const std::string k = src.value("Peer", "") + "/" + src["Name"].get<std::string>();
        if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
        seen.push_back(k);
        unique.push_back(std::move(src));
      }
      apply(op("config.write", c, {{"Kind", "service-intentions"}, {"Name", service_name(c, s)}, {"Sources", unique}}));
    }
    apply(op("config.write", c,
             {{"Kind", "service-intentions"},
              {"Name", "*"},
              {"Sources", Json::array({{{"Name", service_name(c, 0)}, {"Action", "allow"}},
                                       {{"Name", "*"}, {"Action", "deny"}}})}}));
    // ACL policies for the sidecars' tokens.
    apply(op("acl.policy.write", c, {{"Name", "readonly"}, {"Rules", "service_prefix \"\" { policy = \"read\" }"}}));
    for (int s = 0; s < per; ++s) {
      if (s % 10 == 9) continue;
      const std::string name = service_name(c, s);
      apply(op("acl.policy.write", c,
               {{"Name", name + "-sidecar"}, {"Rules", "service \"" + name + "\" { policy = \"write\" }"}}));
    }
  }
  return b;
}

struct Query {
  ServiceRef src, dst;
  Request req;
};

std::vector<Query> queries(const Size& size, const Built& b, std::size_t n, std::mt19937_64& rng) {
  const int per = size.services / size.clusters;
  std::vector<Query> out;
  out.reserve(n);
  const Request get = [] {
    Request r;
    r.http = true;
    r.method = "GET";
    r.path = "/api/items";
    return r;
  }();
  const Request admin = [] {
    Request r;
    r.http = true;
    r.method = "POST";
    r.path = "/admin/reset";
    r.headers = {{"x-user", "ops"}};
    return r;
  }();
  for (std::size_t i = 0; i < n; ++i) {
    Query q;
    if (i % 2 == 0) {
      // A pair some intention names (allow, deny or L7).
      const auto& np = b.named_pairs[rng() % b.named_pairs.size()];
      q.dst.cluster = cluster_name(np[0]);
      q.dst.name = service_name(np[0], np[1]);
      q.src.cluster = cluster_name(np[2]);
      q.src.name = service_name(np[2], np[3]);
    } else {
      // Any two services, local or from a peer: mostly the default.
      const int dc = static_cast<int>(rng() % static_cast<unsigned>(size.clusters));
      const std::vector<int>& peers = b.peers[static_cast<std::size_t>(dc)];
      const int sc = (i % 4 == 1 && !peers.empty()) ? peers[rng() % peers.size()] : dc;
      q.dst.cluster = cluster_name(dc);
      q.dst.name = service_name(dc, static_cast<int>(rng() % static_cast<unsigned>(per)));
      q.src.cluster = cluster_name(sc);
      q.src.name = service_name(sc, static_cast<int>(rng() % static_cast<unsigned>(per)));
    }
    if (i % 8 == 3) q.req = get;
    if (i % 8 == 7) q.req = admin;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t decisions = 2'000'000;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--decisions") && i + 1 < argc) {
      decisions = std::stoul(argv[++i]);
    } else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) {
      only = argv[++i];
    } else {
      std::fprintf(stderr, "usage: entryc-bench-runtime [--decisions N] [--sizes small,medium,large]\n");
      return 2;
    }
  }
  const Size sizes[] = {{"small", 10, 1000, 10000}, {"medium", 30, 3000, 30000}, {"large", 100, 10000, 100000}};
  for (const Size& size : sizes) {
    if (!only.empty() && only.find(size.name) == std::string::npos) continue;
    std::mt19937_64 rng(12345);
    const long rss_before = peak_rss_kib();
    Built b = build(size, rng);
    const long rss_built = peak_rss_kib();

    // A pool of distinct questions, cycled: 64k of them keep the strings out
    // of the measurement while still spreading over the whole world.
    const std::vector<Query> pool = queries(size, b, 65536, rng);
    std::size_t allowed = 0, mismatches = 0;
    for (std::size_t i = 0; i < 20000; ++i) {  // warm-up, and allowed() must agree with check()
      const Query& q = pool[i % pool.size()];
      mismatches += b.world.allowed(q.src, q.dst, q.req) != b.world.check(q.src, q.dst, q.req).allowed;
    }
    const auto t = Clock::now();
    const double cpu0 = thread_cpu_s();
    for (std::size_t i = 0; i < decisions; ++i) {
      const Query& q = pool[i & (pool.size() - 1)];
      allowed += b.world.allowed(q.src, q.dst, q.req);
    }
    const double decide_cpu_s = thread_cpu_s() - cpu0;
    const double decide_s = std::chrono::duration<double>(Clock::now() - t).count();

    const auto tc = Clock::now();
    const std::size_t checks = 20000;
    std::size_t trail_steps = 0;
    for (std::size_t i = 0; i < checks; ++i)
      trail_steps += b.world.check(pool[i].src, pool[i].dst, pool[i].req).trail.size();
    const double check_s = std::chrono::duration<double>(Clock::now() - tc).count();

    std::printf(
        "{\"size\":\"%s\",\"clusters\":%d,\"services\":%d,\"intention_sources\":%d,\"resources\":%zu,"
        "\"apply_ops\":%ld,\"apply_s\":%.3f,\"apply_ops_per_s\":%.0f,"
        "\"decisions\":%zu,\"decide_s\":%.3f,\"decisions_per_s\":%.0f,\"decisions_per_cpu_s\":%.0f,"
        "\"allowed_fraction\":%.3f,"
        "\"check_per_s\":%.0f,\"check_vs_allowed_mismatches\":%zu,"
        "\"peak_rss_kib\":%ld,\"rss_growth_kib\":%ld}\n",
        size.name, size.clusters, size.services, size.sources, b.world.keys().size(), b.ops, b.apply_s,
        static_cast<double>(b.ops) / b.apply_s, decisions, decide_s, static_cast<double>(decisions) / decide_s,
        static_cast<double>(decisions) / decide_cpu_s, static_cast<double>(allowed) / static_cast<double>(decisions),
        static_cast<double>(checks) / check_s, mismatches, peak_rss_kib(), rss_built - rss_before);
    std::fflush(stdout);
    (void)trail_steps;
  }
  return 0;
}
