#include "config_entries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace entryc::runtime::config {

namespace {

constexpr std::array<std::string_view, 19> kKinds = {
    "service-defaults",           "proxy-defaults",     "service-router",
    "service-splitter",           "service-resolver",   "ingress-gateway",
    "terminating-gateway",        "service-intentions", "mesh",
    "exported-services",          "sameness-group",     "api-gateway",
    "bound-api-gateway",          "tcp-route",          "file-system-certificate",
    "inline-certificate",         "http-route",         "jwt-provider",
    "control-plane-request-limit"};

}  // namespace

bool known_kind(std::string_view kind, bool enterprise) {
  if (kind == "control-plane-request-limit") return enterprise;
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

std::string kind_error(const Json& body, std::string& kind) {
  if (!body.is_object()) {
    return fmt::format("json: cannot unmarshal {} into Go value of type map[string]interface {{}}", json_kind(body));
  }
  auto it = body.find("Kind");
  if (it == body.end()) it = body.find("kind");
  if (it == body.end()) return "Payload does not contain a kind/Kind key at the top level";
  if (!it->is_string()) return "Kind value in payload is not a string";
  kind = it->get<std::string>();
  return {};
}

void canonicalize(Json& obj, const Schema& schema, bool enterprise, const std::string& path,
                  std::vector<std::string>& errors) {
  if (!obj.is_object()) return;
  Json out = Json::object();
  std::vector<bool> used(obj.size(), false);
  auto keys = [&] {
    std::vector<std::string> k;
    for (auto it = obj.begin(); it != obj.end(); ++it) k.push_back(it.key());
    return k;
  }();
  for (const Field& f : schema.fields) {
    if (f.enterprise_only && !enterprise) continue;
    std::size_t at = keys.size();
    for (std::size_t i = 0; i < keys.size() && at == keys.size(); ++i) {
      if (!used[i] && keys[i] == f.name) at = i;
    }
    for (std::size_t i = 0; i < keys.size() && at == keys.size(); ++i) {
      if (!used[i] && equal_fold(keys[i], f.name)) at = i;
    }
    // HookTranslateKeys: an alias fills the field only when it is not set.
    for (std::size_t i = 0; i < keys.size() && at == keys.size(); ++i) {
      for (const std::string_view alias : f.aliases) {
        if (!used[i] && equal_fold(keys[i], alias)) at = i;
      }
    }
    if (at == keys.size()) continue;
    used[at] = true;
    for (std::size_t i = 0; i < keys.size(); ++i) {  // an alias next to its field is dropped silently
      for (const std::string_view alias : f.aliases) {
        if (!used[i] && equal_fold(keys[i], alias)) used[i] = true;
      }
    }
    Json v = std::move(obj[keys[at]]);
    if (v.is_null()) continue;  // a null leaves the field unset
    const std::string sub = path.empty() ? std::string(f.name) : path + "." + std::string(f.name);
    if (f.nested && v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i)
        canonicalize(v[i], *f.nested, enterprise, fmt::format("{}[{}]", sub, i), errors);
    } else if (f.nested) {
      canonicalize(v, *f.nested, enterprise, sub, errors);
    }
    out[std::string(f.name)] = std::move(v);
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (used[i]) continue;
    const std::string& k = keys[i];
    if (k == "CreateIndex" || k == "ModifyIndex" || k == "Kind" || k == "kind") continue;
    const std::string shown = go_quote(path.empty() ? k : path + "." + k);
    const std::string lk = lower(k);
    if (lk.size() >= 9 && lk.ends_with("namespace")) {
      errors.push_back(fmt::format("invalid config key {}, namespaces are a consul enterprise feature", shown));
    } else if (lk.find("jwt") != std::string::npos) {
      errors.push_back(
          fmt::format("invalid config key {}, api-gateway jwt validation is a consul enterprise feature", shown));
    } else {
      errors.push_back(fmt::format("invalid config key {}", shown));
    }
  }
  obj = std::move(out);
}

std::string meta_error(const Json& meta) {
  if (!meta.is_object()) return {};
  std::vector<std::string> errors;
  if (meta.size() > 64) errors.emplace_back("Meta exceeds maximum element count 64");
  for (auto it = meta.begin(); it != meta.end(); ++it) {
    if (it.key().size() > 128)
      errors.push_back(fmt::format("Meta key {} exceeds maximum length 128", go_quote(it.key())));
    if (it->is_string() && it->get<std::string>().size() > 512) {
      errors.push_back(fmt::format("Meta value for key {} exceeds maximum length 512", go_quote(it.key())));
    }
  }
  return errors.empty() ? std::string() : multierror(errors);
}

std::uint64_t content_hash(const Json& entry) {
  // Keep within 2^53 so that any JSON reader round-trips it exactly.
  return fnv1a64(entry.dump()) & ((std::uint64_t{1} << 53) - 1);
}

std::string str(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return {};
  const auto it = obj.find(std::string(key));
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace entryc::runtime::config
