// Reading state snapshots and writing plans (docs/plan-format.md).
#include <map>

#include <fmt/format.h>

#include "entryc/consul_decode.hpp"
#include "entryc/document.hpp"
#include "entryc/load.hpp"
#include "entryc/plan.hpp"

namespace entryc::plan {

using consul::path_segment;

std::optional<State> load_state(SourceManager& sm, const std::string& path, diag::Sink& sink) {
  const std::optional<FileId> id = load::read(sm, {path, path == "-"}, sink);
  if (!id) return std::nullopt;
  ReadOptions ro;
  ro.reader = Reader::consul;  // strict JSON, with positions for syntax errors
  ro.decode = false;
  const ParsedDocument pd = read_document(sm, *id, sink, ro);
  if (!pd.accepted()) return std::nullopt;
  const Json j = Json::parse(sm.file(*id).text(), nullptr, false);
  std::string error, where;
  std::optional<State> st = state_from_json(j, error, &where);
  if (!st) {
    // Point at the value that is wrong (or the nearest enclosing one).
    SourceRange at{*id, 0, 0};
    diag::Collector ignore;
    ReadOptions decode;
    decode.reader = Reader::consul;
    const ParsedDocument full = read_document(sm, *id, ignore, decode);
    if (full.tree.root && !where.empty()) {
      if (const auto found = consul::index_generic(full.doc, full.tree.root).find(where)) at = found->value;
    }
    sink.report(diag::make(diag::Severity::error, "core-state", std::move(error), at,
                           "docs/plan-format.md describes the state snapshot."));
  }
  return st;
}

std::optional<State> state_from_json(const Json& j, std::string& error, std::string* where) {
  // Never throws: every member is checked for its type before it is read.
  auto bad = [&](std::string path, std::string summary) {
    error = std::move(summary);
    if (where) *where = std::move(path);
    return std::nullopt;
  };
  static const Json kNoList = Json::array();
  if (!j.is_object()) return bad("", "a state snapshot is a JSON object");
  const auto version = j.find("format_version");
  if (version == j.end()) return bad("", "the state snapshot has no format_version (this entryc reads 1)");
  if (!version->is_number_integer() || version->get<std::int64_t>() != 1) {
    return bad("format_version", fmt::format("unsupported state format_version {} (this entryc reads 1)",
                                             version->dump()));
  }
  State st;
  const auto clusters = j.find("clusters");
  if (clusters == j.end()) return st;
  if (!clusters->is_object()) return bad("clusters", "'clusters' must be an object of clusters by name");
  for (const auto& [cname, c] : clusters->items()) {
    const std::string cpath = path_segment("clusters", cname);
    if (!c.is_object()) return bad(cpath, fmt::format("clusters.{} must be an object", cname));
    const auto parts = c.find("partitions");
    if (parts == c.end()) continue;
    if (!parts->is_object()) {
      return bad(path_segment(cpath, "partitions"), fmt::format("clusters.{}.partitions must be an object", cname));
    }
    for (const auto& [pname, p] : parts->items()) {
      const std::string ppath = path_segment(path_segment(cpath, "partitions"), pname);
      const std::string where_p = fmt::format("clusters.{}.partitions.{}", cname, pname);
      if (!p.is_object()) return bad(ppath, fmt::format("{} must be an object", where_p));
      auto string_member = [](const Json& x, const char* key, bool required) {
        const auto it = x.find(key);
        return it == x.end() ? !required : it->is_string();
      };
      const char* const lists[] = {"peerings", "config_entries", "acl_policies"};
      for (const char* key : lists) {
        const auto it = p.find(key);
        if (it != p.end() && !it->is_array()) {
          return bad(path_segment(ppath, key), fmt::format("{}.{} must be a list", where_p, key));
        }
      }
      const Json& part = p;  // clang 14 cannot capture a structured binding
      auto items = [&part](const char* key) -> const Json& {
        const auto it = part.find(key);
        return it == part.end() ? kNoList : *it;
      };
      std::size_t i = 0;
      for (const Json& x : items("peerings")) {
        const std::string at = fmt::format("{}[{}]", path_segment(ppath, "peerings"), i++);
        if (!x.is_object() || !string_member(x, "Name", true) || !string_member(x, "State", false)) {
          return bad(at, fmt::format("{}.peerings: each needs a Name (and a State, if any, that is a string)",
                                     where_p));
        }
        st.peerings.push_back({cname, pname, x.at("Name").get<std::string>(), x.value("State", std::string("ACTIVE"))});
      }
      i = 0;
      for (const Json& x : items("config_entries")) {
        const std::string at = fmt::format("{}[{}]", path_segment(ppath, "config_entries"), i++);
        if (!x.is_object() || !string_member(x, "Kind", true) || !string_member(x, "Name", true)) {
          return bad(at, fmt::format("{}.config_entries: each needs Kind and Name", where_p));
        }
        st.config_entries.push_back({cname, pname, x});
      }
      i = 0;
      for (const Json& x : items("acl_policies")) {
        const std::string at = fmt::format("{}[{}]", path_segment(ppath, "acl_policies"), i++);
        if (!x.is_object() || !string_member(x, "Name", true) || !string_member(x, "Rules", false)) {
          return bad(at, fmt::format("{}.acl_policies: each needs a Name (and Rules, if any, that are a string)",
                                     where_p));
        }
        st.acl_policies.push_back({cname, pname, x.at("Name").get<std::string>(), x.value("Rules", std::string())});
      }
    }
  }
  return st;
}

std::string op_json(const Op& o) {
  Json op = {{"id", o.id},
             {"type", o.type},
             {"action", to_string(o.action)},
             {"step", to_string(o.step)},
             {"cluster", o.cluster},
             {"partition", o.partition},
             {"target", o.target}};
  if (!o.source.empty()) op["source"] = o.source;
  op["depends_on"] = o.depends_on;
  if (!o.detail.empty()) op["detail"] = o.detail;
  if (o.cas) op["cas"] = *o.cas;
  std::string line = op.dump();
  line.pop_back();
  line += ",\"body\":";
  line += o.body.empty() ? "{}" : o.body;
  line += '}';
  return line;
}

std::string to_json(const Plan& plan) {
  // One operation per line: readable, and diffs of plans stay small.
  const Json head = {{"format_version", kFormatVersion},
                     {"project", plan.project},
                     {"summary",
                      {{"create", plan.count(Action::create)},
                       {"update", plan.count(Action::update)},
                       {"delete", plan.count(Action::remove)},
                       {"unchanged", plan.unchanged}}}};
  std::string out = head.dump();
  out.pop_back();
  out += ",\n\"ops\":[";
  for (std::size_t i = 0; i < plan.ops.size(); ++i) {
    out += i ? ",\n" : "\n";
    out += op_json(plan.ops[i]);
  }
  out += plan.ops.empty() ? "]}\n" : "\n]}\n";
  return out;
}

std::string to_human(const Plan& plan, const project::Project& project, bool color) {
  auto paint = [&](Action a, std::string_view s) {
    if (!color) return std::string(s);
    const char* c = a == Action::create ? "\033[32m" : a == Action::update ? "\033[33m" : "\033[31m";
    return fmt::format("{}{}\033[0m", c, s);
  };
  std::map<std::string, std::size_t> number;
  for (std::size_t i = 0; i < plan.ops.size(); ++i) number[plan.ops[i].id] = i + 1;
  std::string out;
  if (plan.ops.empty()) {
    out += fmt::format("No changes: the clusters match the project ({} operations already done).\n", plan.unchanged);
    return out;
  }
  // Grouped by cluster (topology order); numbers give the order of execution.
  for (const project::Cluster& c : project.topo.clusters) {
    for (const project::Partition& p : c.partitions) {
      std::vector<const Op*> mine;
      for (const Op& o : plan.ops) {
        if (o.cluster == c.name && o.partition == p.name) mine.push_back(&o);
      }
      if (mine.empty()) continue;
      out += p.name == "default" && c.partitions.size() == 1
                 ? fmt::format("{} (datacenter {})\n", c.name, c.datacenter)
                 : fmt::format("{} partition {} (datacenter {})\n", c.name, p.name, c.datacenter);
      for (const Op* o : mine) {
        std::string what = o->target;
        if (o->type == "peering.generate-token") what = "peer " + o->target;
        if (o->type == "peering.establish") {
          what = "peer " + o->target;
          for (const std::string& d : o->depends_on) {
            if (number.count(d)) what += fmt::format(" (token from {})", number[d]);
          }
        }
        std::string line = fmt::format("  {:>3}. {} {:<24} {}", number[o->id], paint(o->action, std::string(1, symbol(o->action))),
                                       o->type, what);
        if (!o->source.empty()) line += "  <- " + o->source;
        out += line + "\n";
        if (!o->detail.empty()) out += fmt::format("         {}\n", o->detail);
      }
      out += "\n";
    }
  }
  out += fmt::format("Plan: {} to create, {} to update, {} to delete ({} unchanged).\n", plan.count(Action::create),
                     plan.count(Action::update), plan.count(Action::remove), plan.unchanged);
  return out;
}

}  // namespace entryc::plan
