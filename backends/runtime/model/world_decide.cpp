// Can this service call that one? allowed() answers from the precomputed
// indexes without allocating; check() gives the same answer with the trail
// that explains it (peering, export, import ACL, intention or default).
#include <fmt/format.h>

#include "world_impl.hpp"

namespace entryc::runtime {

namespace {

std::string where(const ServiceRef& s) { return s.cluster + "/" + s.partition; }

}  // namespace

bool World::Impl::exported(const Partition& p, Id peer, Id ns, Id name) const {
  if (name == consul || name == kNoId || peer == kNoId) return false;
  if (const std::uint32_t* at = p.export_exact.find(pack(name, peer))) {
    if (*at == ns || (*at == kNoId && p.export_exact_multi.count(Key3{peer, ns, name}))) return true;
  }
  if (!p.export_wildcard.find(pack(peer, ns)) && !p.export_wildcard.find(pack(peer, star))) return false;
  return registered(p, ns, name);
}

bool World::Impl::intention_allows(const Cluster& c, const Partition& p, Id dns, Id dname, Id sname, Id sns, Id spart,
                                   Id peer, const Request& req, Match* m) const {
  // Candidates: the destination's own entry, then `*` in its namespace, then
  // `*` in every namespace, precomputed in match order.
  const Candidates* cand = candidates(p, dns, dname);
  if (!cand) return c.default_allow;
  const std::vector<intentions::MatchKey>& keys = cand->keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const intentions::MatchKey& s = keys[i];
    // The source peer must equal the caller's exactly: a peer-less `*`
    // never matches peer traffic, and a peer source never matches local.
    if (s.peer != peer || s.partition != spart) continue;
    if (s.ns != star && s.ns != sns) continue;
    if (s.name != star && s.name != sname) continue;
    if (!s.l7 && !m) return s.allow;  // the common case needs nothing but the key
    const auto [entry, index] = cand->refs[i];
    if (m) {
      m->entry = entry;
      m->source = &entry->sources[index];
    }
    if (!s.l7) return s.allow;
    // L7: /v1/connect/intentions/check counts a match without a request
    // as not allowed; xDS denies on a destination that does not speak HTTP.
    if (!req.http) {
      if (m) m->no_request = true;
      return false;
    }
    if (!speaks_http(p, dname)) {
      if (m) m->not_http = true;
      return false;
    }
    const std::vector<intentions::Permission>& perms = entry->sources[index].permissions;
    for (std::size_t j = 0; j < perms.size(); ++j) {
      if (intentions::matches(perms[j], req)) {
        if (m) m->permission = static_cast<int>(j);
        return perms[j].allow;
      }
    }
    return c.default_allow;  // no permission matched: the default, not a lower intention
  }
  return c.default_allow;
}

bool World::allowed(const ServiceRef& src, const ServiceRef& dst, const Request& req) const {
  const Impl& w = *impl_;
  const Partition* pd = w.partition_of(dst.cluster, dst.partition);
  const Partition* ps = w.partition_of(src.cluster, src.partition);
  if (!pd || !ps) return false;
  const Cluster& cd = w.clusters[pd->cluster];
  const Id dns = w.find_name(dst.ns), dname = w.names.find(dst.name);
  const Id sns = w.find_name(src.ns), sname = w.names.find(src.name);
  Id peer = kNoId, spart = w.find_name(ps->name);
  if (ps->cluster != pd->cluster) {
    const Link* link = w.link(ps->global, pd->global);
    if (!link) return false;
    peer = link->dst_peer;
    if (!w.exported(*pd, peer, dns, dname)) return false;
    if (w.clusters[ps->cluster].acl_enabled) {
      const std::uint32_t* t = ps->token_by_name.find(sname);
      const bool ok = t ? ps->token_import_ok[*t] != 0 : ps->anonymous_import_ok;
      if (!ok) return false;
    }
    spart = w.dflt;  // a peer's identity carries no local partition
  }
  return w.intention_allows(cd, *pd, dns, dname, sname, sns, spart, peer, req, nullptr);
}

Decision World::check(const ServiceRef& src, const ServiceRef& dst, const Request& req) const {
  const Impl& w = *impl_;
  Decision d;
  auto step = [&](std::string check, bool ok, std::string detail, Json data = Json::object()) {
    d.trail.push_back(Step{std::move(check), ok, std::move(detail), std::move(data)});
  };
  const Partition* pd = w.partition_of(dst.cluster, dst.partition);
  const Partition* ps = w.partition_of(src.cluster, src.partition);
  if (!pd || !ps) {
    step("topology", false, fmt::format("no partition {} in the topology", !pd ? where(dst) : where(src)));
    d.reason = d.trail.back().detail;
    return d;
  }
  const Cluster& cd = w.clusters[pd->cluster];
  const Cluster& cs = w.clusters[ps->cluster];
  const Id dns = w.names.find(dst.ns), dname = w.names.find(dst.name);
  const Id sns = w.names.find(src.ns), sname = w.names.find(src.name);
  Id peer = kNoId, spart = w.names.find(ps->name);
  bool ok = true;
  std::string failure;
  auto failed = [&](const std::string& detail) {
    ok = false;
    if (failure.empty()) failure = detail;
  };

  if (ps->cluster != pd->cluster) {
    spart = w.dflt;
    // 1. The peering, seen from both sides.
    const Link* link = w.link(ps->global, pd->global);
    if (link) {
      peer = link->dst_peer;
      step("peering", true,
           fmt::format("{} and {} are peered and ACTIVE on both sides: {} calls its peer {}, {} calls it {}",
                       where(dst), where(src), dst.cluster, go_quote(w.names.name(link->dst_peer)), src.cluster,
                       go_quote(w.names.name(link->src_peer))),
           Json{{"dst_peer_name", w.names.name(link->dst_peer)},
                {"src_peer_name", w.names.name(link->src_peer)},
                {"dst_state", "ACTIVE"},
                {"src_state", "ACTIVE"}});
    } else {
      // Records that point at the other side, whatever their state.
      Json records = Json::array();
      std::string states;
      auto scan = [&](const Partition& here, const Cluster& there_c, const Partition& there) {
        for (const auto& [name, r] : here.peerings) {
          const bool points = r.dialer ? r.peer_server_name == there_c.server_name &&
                                             (r.remote_partition.empty() ? "default" : r.remote_partition) == there.name
                                       : r.remote_datacenter == there_c.datacenter && r.remote_partition == there.name;
          if (!points) continue;
          const std::string state = r.connected ? "ACTIVE" : r.state;
          records.push_back(Json{{"cluster", w.clusters[here.cluster].name},
                                 {"partition", here.name},
                                 {"name", name},
                                 {"state", state},
                                 {"role", r.dialer ? "dialer" : "acceptor"}});
          states += fmt::format("{}{} has {} ({})", states.empty() ? "" : "; ", w.clusters[here.cluster].name,
                                go_quote(name), state);
          if (&here == pd && peer == kNoId) peer = w.names.find(name);
        }
      };
      scan(*pd, cs, *ps);
      scan(*ps, cd, *pd);
      const std::string detail = fmt::format(
          "no ACTIVE peering between {} and {}{}", where(dst), where(src),
          states.empty() ? std::string(": neither side has a peering record for the other") : ": " + states);
      step("peering", false, detail, Json{{"records", records}});
      failed(detail);
    }

    // 2. The export, under the name dst's cluster uses for src's.
    if (peer != kNoId) {
      const std::string peer_name = w.names.name(peer);
      const exports::Service* hit = nullptr;
      bool wildcard_unregistered = false;
      if (dname != w.consul && pd->exports) {
        for (const exports::Service& s : pd->exports->services) {
          if (s.ns != w.star && s.ns != dns) continue;
          if (std::find(s.peers.begin(), s.peers.end(), peer) == s.peers.end()) continue;
          if (s.name == dname) {
            hit = &s;
            break;
          }
          if (s.name == w.star) {
            if (w.registered(*pd, dns, dname)) {
              hit = &s;
              break;
            }
            wildcard_unregistered = true;
          }
        }
      }
      if (hit) {
        step("export", true,
             fmt::format("{} exports {} to peer {} (exported-services/{} Services[{}]{})", dst.cluster, dst.name,
                         go_quote(peer_name), cd.enterprise ? pd->name : std::string("default"), hit->index,
                         hit->name == w.star ? ", Name \"*\"" : ""),
             Json{{"entry", "exported-services"},
                  {"service_index", hit->index},
                  {"consumer_peer", peer_name},
                  {"wildcard", hit->name == w.star}});
      } else {
        std::string why;
        if (dst.name == "consul") {
          why = fmt::format("{} never exports the consul service", dst.cluster);
        } else if (wildcard_unregistered) {
          why = fmt::format("{} exports \"*\" to peer {}, but {} is not registered in {}'s catalog", dst.cluster,
                            go_quote(peer_name), dst.name, where(dst));
        } else if (!pd->exports) {
          why = fmt::format("{} has no exported-services entry: {} is not exported to peer {}", where(dst), dst.name,
                            go_quote(peer_name));
        } else {
          why = fmt::format("{} does not export {} to peer {}", dst.cluster, dst.name, go_quote(peer_name));
        }
        step("export", false, why, Json{{"consumer_peer", peer_name}});
        failed(why);
      }
    }

    // 3. The caller's sidecar must be able to read what its cluster imports.
    if (!cs.acl_enabled) {
      step("import-acl", true, fmt::format("ACLs are disabled on {}: imported services are readable", src.cluster),
           Json{{"acl_enabled", false}});
    } else {
      const std::uint32_t* t = ps->token_by_name.find(sname);
      const TokenDecl* token = t ? &ps->tokens[*t] : nullptr;
      const acl::Authorizer a = w.authorizer(*ps, token);
      const acl::Chain chain{true, cs.acl_default_allow};
      const acl::Verdict sv = a.imported_service_read(), nv = a.imported_node_read();
      const bool s_ok = acl::resolve(chain, sv.decision), n_ok = acl::resolve(chain, nv.decision);
      const std::string who =
          token ? fmt::format("token {} on {}", go_quote(token->name), src.cluster)
                : fmt::format("the anonymous token on {} (no token declared for {})", src.cluster, go_quote(src.name));
      const bool write_any = a.service_write_any().decision == acl::Decision::allow;
      auto explain = [&](const acl::Verdict& v, const char* what, bool granted) {
        if (v.decision == acl::Decision::abstain) {
          return fmt::format("{} falls to default_policy {}", what, cs.acl_default_allow ? "allow" : "deny");
        }
        if (granted && write_any) return fmt::format("{} granted: service:write on a service ({})", what, v.rule);
        if (granted) return fmt::format("{} granted: read on everything ({})", what, v.rule);
        return fmt::format("{} denied by {}", what, v.rule);
      };
      const Json data{{"token", token ? Json(token->name) : Json(nullptr)},
                      {"service_read", acl::to_string(sv.decision)},
                      {"service_rule", sv.rule},
                      {"node_read", acl::to_string(nv.decision)},
                      {"node_rule", nv.rule},
                      {"default_policy", cs.acl_default_allow ? "allow" : "deny"}};
      const std::string detail = fmt::format(
          "{} {} imported services: {}; {}", who, s_ok && n_ok ? "can read" : "cannot read",
          explain(sv, "service:read on imported data", s_ok), explain(nv, "node:read on imported data", n_ok));
      step("import-acl", s_ok && n_ok, detail, data);
      if (!(s_ok && n_ok)) failed(detail);
    }
    if (peer == kNoId) {
      d.allowed = false;
      d.reason = failure;
      return d;
    }
  }

  // 4. The intentions of dst's cluster, or its default.
  Impl::Match m;
  const bool intention_ok = w.intention_allows(cd, *pd, dns, dname, sname, sns, spart, peer, req, &m);
  std::string reason;
  if (m.source) {
    const bool l7 = !m.source->permissions.empty();
    const std::string matched = (l7 ? "Matched L7 intention: " : "Matched L4 intention: ") + m.source->text;
    Json data{{"entry", m.entry->kind_name},
              {"source_index", m.source->index},
              {"precedence", m.source->precedence},
              {"peer", m.source->peer == kNoId ? Json(nullptr) : Json(w.names.name(m.source->peer))}};
    if (!l7) {
      reason = matched;
      step("intention", intention_ok, matched, data);
    } else if (m.no_request) {
      reason = matched;
      step("intention", false, matched + "; without an HTTP request an L7 intention counts as not allowed", data);
    } else if (m.not_http) {
      reason = matched;
      step("intention", false,
           matched + fmt::format("; {} does not speak HTTP ({}), so its L7 permissions deny", dst.name,
                                 w.protocol_of(*pd, dname)),
           data);
    } else if (m.permission >= 0) {
      reason = matched;
      data["permission"] = m.permission;
      step("intention", intention_ok,
           matched + "; " +
               intentions::describe(m.source->permissions[static_cast<std::size_t>(m.permission)],
                                    static_cast<std::size_t>(m.permission)) +
               " matches the request",
           data);
    } else {
      reason = cd.default_reason;
      step("intention", intention_ok,
           matched + "; no permission matches the request, so the default decides (not lower-precedence intentions)",
           data);
      step("default", intention_ok, fmt::format("{}: {}", cd.default_reason, intention_ok ? "allow" : "deny"),
           Json{{"allow", intention_ok}});
    }
  } else {
    reason = cd.default_reason;
    std::string why;
    if (cd.default_intention_allow) {
      why = fmt::format("default_intention_policy is {}", *cd.default_intention_allow ? "allow" : "deny");
    } else if (!cd.acl_enabled) {
      why = "ACLs are disabled, so intentions default to allow";
    } else {
      why = fmt::format("ACL default_policy is {}", cd.acl_default_allow ? "allow" : "deny");
    }
    step("default", intention_ok,
         fmt::format("no intention on {} matches {}{}: {} ({})", where(dst), src.name,
                     peer == kNoId ? std::string() : " from peer " + go_quote(w.names.name(peer)), cd.default_reason,
                     why),
         Json{{"allow", intention_ok}});
  }
  d.allowed = ok && intention_ok;
  d.reason = ok ? reason : failure;
  return d;
}

}  // namespace entryc::runtime
