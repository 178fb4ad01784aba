#include "exports.hpp"

#include <fmt/format.h>

namespace entryc::runtime::exports {

namespace {

using config::Field;
using config::Schema;

const Schema& entry_schema() {
  static const Schema consumer{{Field{"Peer", nullptr, {"peer_name"}, false}, Field{"Partition", nullptr, {}, false},
                                Field{"SamenessGroup", nullptr, {"sameness_group"}, false}}};
  static const Schema service{{Field{"Name", nullptr, {}, false}, Field{"Namespace", nullptr, {}, false},
                               Field{"Consumers", &consumer, {}, false}}};
  static const Schema entry{{Field{"Kind", nullptr, {}, false}, Field{"Name", nullptr, {}, false},
                             Field{"Partition", nullptr, {}, true}, Field{"Services", &service, {}, false},
                             Field{"Meta", nullptr, {}, false}, Field{"Hash", nullptr, {}, false}}};
  return entry;
}

std::string s(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

const Json& list_of(const Json& obj, const char* key) {
  static const Json empty = Json::array();
  const auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : empty;
}

}  // namespace

std::optional<config::Rejection> normalize(const Json& body, bool enterprise, std::string_view partition, Json& out) {
  Json e = body;
  std::vector<std::string> errors;
  config::canonicalize(e, entry_schema(), enterprise, "", errors);
  if (!errors.empty()) return config::Rejection{400, "Request decoding failed: " + multierror(errors)};
  auto reject = [](std::string text) { return config::Rejection{500, std::move(text)}; };

  const std::string name = s(e, "Name");
  const Json& services = list_of(e, "Services");
  // Validate (CE), first failure wins; E3 runs over every service first.
  if (!enterprise && name != "default") return reject("exported-services Name must be \"default\"");
  if (e.contains("Meta")) {
    if (std::string m = config::meta_error(e["Meta"]); !m.empty()) return reject(m);
  }
  if (!enterprise) {
    for (std::size_t i = 0; i < services.size(); ++i) {
      const Json& consumers = list_of(services[i], "Consumers");
      for (std::size_t j = 0; j < consumers.size(); ++j) {
        if (!s(consumers[j], "SamenessGroup").empty()) {
          return reject(
              fmt::format("Services[{}].Consumers[{}]: sameness-groups are an enterprise-only feature", i, j));
        }
      }
    }
  }
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Json& svc = services[i];
    const std::string ns = enterprise ? s(svc, "Namespace") : std::string();
    if (s(svc, "Name").empty()) return reject(fmt::format("Services[{}]: service name cannot be empty", i));
    if (ns == "*" && s(svc, "Name") != "*") {
      return reject(fmt::format("Services[{}]: service name must be wildcard if namespace is wildcard", i));
    }
    const Json& consumers = list_of(svc, "Consumers");
    if (consumers.empty()) return reject(fmt::format("Services[{}]: must have at least one consumer", i));
    for (std::size_t j = 0; j < consumers.size(); ++j) {
      const Json& c = consumers[j];
      const int set =
          int{!s(c, "Peer").empty()} + int{!s(c, "Partition").empty()} + int{!s(c, "SamenessGroup").empty()};
      if (set > 1) {
        return reject(fmt::format(
            "Services[{}].Consumers[{}]: must define at most one of Peer, Partition, or SamenessGroup", i, j));
      }
      if (s(c, "Partition") == "*") {
        return reject(
            fmt::format("Services[{}].Consumers[{}]: exporting to all partitions (wildcard) is not supported", i, j));
      }
      if (s(c, "Peer") == "*") {
        return reject(
            fmt::format("Services[{}].Consumers[{}]: exporting to all peers (wildcard) is not supported", i, j));
      }
    }
  }

  // Normalize and render as GET returns it: CE erases every Namespace.
  out = Json::object();
  out["Kind"] = "exported-services";
  out["Name"] = name;
  if (enterprise) out["Partition"] = std::string(partition);
  Json rendered = Json::array();
  for (const Json& svc : services) {
    Json r = Json::object();
    r["Name"] = s(svc, "Name");
    if (enterprise && !s(svc, "Namespace").empty()) r["Namespace"] = s(svc, "Namespace");
    Json consumers = Json::array();
    for (const Json& c : list_of(svc, "Consumers")) {
      Json rc = Json::object();
      for (const char* k : {"Partition", "Peer", "SamenessGroup"}) {
        if (!s(c, k).empty()) rc[k] = s(c, k);
      }
      consumers.push_back(std::move(rc));
    }
    if (!consumers.empty()) r["Consumers"] = std::move(consumers);
    rendered.push_back(std::move(r));
  }
  if (!rendered.empty()) out["Services"] = std::move(rendered);
  if (e.contains("Meta") && e["Meta"].is_object() && !e["Meta"].empty()) out["Meta"] = e["Meta"];
  out["Hash"] = config::content_hash(out);
  return std::nullopt;
}

Compiled compile(const Json& stored, bool enterprise, Interner& names) {
  Compiled c;
  const Json& services = list_of(stored, "Services");
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Json& svc = services[i];
    Service out;
    const std::string ns = enterprise ? s(svc, "Namespace") : std::string();
    out.ns = names.intern(ns.empty() ? "default" : ns);
    out.name = names.intern(s(svc, "Name"));
    out.index = static_cast<std::uint32_t>(i);
    for (const Json& consumer : list_of(svc, "Consumers")) {
      if (!s(consumer, "Peer").empty()) out.peers.push_back(names.intern(s(consumer, "Peer")));
      if (!s(consumer, "Partition").empty()) out.partitions.push_back(s(consumer, "Partition"));
    }
    c.services.push_back(std::move(out));
  }
  return c;
}

}  // namespace entryc::runtime::exports
