// Reading state snapshots and writing plans (docs/plan-format.md).
#include <map>

#include <fmt/format.h>

#include "entryc/document.hpp"
#include "entryc/load.hpp"
#include "entryc/plan.hpp"

namespace entryc::plan {

std::optional<State> load_state(SourceManager& sm, const std::string& path, diag::Sink& sink) {
  const std::optional<FileId> id = load::read(sm, {path, path == "-"}, sink);
  if (!id) return std::nullopt;
  ReadOptions ro;
  ro.reader = Reader::consul;  // strict JSON, with positions for syntax errors
  ro.decode = false;
  const ParsedDocument pd = read_document(sm, *id, sink, ro);
  if (!pd.accepted()) return std::nullopt;
  const Json j = Json::parse(sm.file(*id).text(), nullptr, false);
  std::string error;
  std::optional<State> st = state_from_json(j, error);
  if (!st) {
    sink.report(diag::make(diag::Severity::error, "core-state", std::move(error), SourceRange{*id, 0, 0},
                           "docs/plan-format.md describes the state snapshot."));
  }
  return st;
}

std::optional<State> state_from_json(const Json& j, std::string& error) {
  auto bad = [&](std::string summary) {
    error = std::move(summary);
    return std::nullopt;
  };
  if (!j.is_object()) return bad("a state snapshot is a JSON object");
  if (j.value("format_version", 0) != 1) return bad("unsupported state format_version (this entryc reads 1)");
  State st;
  const Json clusters = j.value("clusters", Json::object());
  if (!clusters.is_object()) return bad("'clusters' must be an object of clusters by name");
  for (const auto& [cname, c] : clusters.items()) {
    const Json parts = c.is_object() ? c.value("partitions", Json::object()) : Json();
    if (!parts.is_object()) return bad(fmt::format("clusters.{}.partitions must be an object", cname));
    for (const auto& [pname, p] : parts.items()) {
      if (!p.is_object()) return bad(fmt::format("clusters.{}.partitions.{} must be an object", cname, pname));
      for (const Json& x : p.value("peerings", Json::array())) {
        if (!x.is_object() || !x.value("Name", Json()).is_string()) {
          return bad(fmt::format("clusters.{}.partitions.{}.peerings: each needs a Name", cname, pname));
        }
        st.peerings.push_back({cname, pname, x["Name"].get<std::string>(), x.value("State", std::string("ACTIVE"))});
      }
      for (const Json& x : p.value("config_entries", Json::array())) {
        if (!x.is_object() || !x.value("Kind", Json()).is_string() || !x.value("Name", Json()).is_string()) {
          return bad(fmt::format("clusters.{}.partitions.{}.config_entries: each needs Kind and Name", cname, pname));
        }
        st.config_entries.push_back({cname, pname, x});
      }
      for (const Json& x : p.value("acl_policies", Json::array())) {
        if (!x.is_object() || !x.value("Name", Json()).is_string()) {
          return bad(fmt::format("clusters.{}.partitions.{}.acl_policies: each needs a Name", cname, pname));
        }
        st.acl_policies.push_back({cname, pname, x["Name"].get<std::string>(), x.value("Rules", std::string())});
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
