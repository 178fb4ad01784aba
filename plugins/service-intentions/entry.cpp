// The view of a service-intentions entry that Consul's Validate() has, and
// Consul's Normalize() (agent/structs/config_entry_intentions.go).
#include "entry.hpp"

#include <algorithm>
#include <numeric>

namespace intentions {
namespace {

// intentionCountExact: how many of (namespace, name) are exact values.
int count_exact(std::string_view ns, std::string_view name) {
  if (ns == kWildcard) return 0;  // */* (an exact name cannot follow a wildcard namespace)
  if (name == kWildcard) return 1;
  return 2;
}

std::string_view or_default(std::string_view s) { return s.empty() ? std::string_view("default") : s; }

// Enterprise namespace and partition of a source after Normalize: a source
// without Peer and SamenessGroup inherits what it lacks from the destination
// (MergeNoWildcard never inherits a wildcard); a peered source only gets its
// namespace defaulted. Views of the arguments (or of "default").
struct Meta {
  std::string_view ns, partition_or_empty;
};
Meta meta(std::string_view ns, std::string_view partition, bool peered, std::string_view dest_ns,
          std::string_view dest_partition) {
  Meta m{ns, partition};
  if (!peered) {
    if (m.ns.empty() && dest_ns != kWildcard) m.ns = dest_ns;
    if (m.partition_or_empty.empty() && dest_partition != kWildcard) m.partition_or_empty = dest_partition;
    m.partition_or_empty = or_default(m.partition_or_empty);
  }
  m.ns = or_default(m.ns);
  return m;
}

// A string member as a view of the document, or "".
std::string_view text(const Value& j, std::string_view key) {
  if (!j.is_object()) return {};
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->str() : std::string_view();
}

// The string members of a source that reading it needs, found in one pass
// over its keys (as field() finds them: the first of a key, "" unless a string).
struct SourceFields {
  std::string_view name, peer, sameness_group, action, type, ns, partition;
};

SourceFields source_fields(const Value& src) {
  SourceFields f;
  if (!src.is_object()) return f;
  const std::pair<std::string_view, std::string_view*> slots[] = {
      {"Name", &f.name}, {"Peer", &f.peer},    {"SamenessGroup", &f.sameness_group}, {"Action", &f.action},
      {"Type", &f.type}, {"Namespace", &f.ns}, {"Partition", &f.partition}};
  unsigned seen = 0;
  for (auto it = src.begin(); it != src.end(); ++it) {
    const std::string_view k = it.key();
    for (unsigned i = 0; i < std::size(slots); ++i) {
      if (k != slots[i].first) continue;
      if (!(seen & 1u << i) && it->is_string()) *slots[i].second = it->str();
      seen |= 1u << i;
      break;
    }
  }
  return f;
}

std::vector<std::size_t> precedence_order(const std::vector<int>& precedence) {
  std::vector<std::size_t> idx(precedence.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return precedence[a] > precedence[b]; });
  return idx;
}

}  // namespace

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool valid_method(std::string_view m) {
  for (const char* v : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"}) {
    if (m == v) return true;
  }
  return false;
}

int precedence(std::string_view dest_ns, std::string_view dest_name, std::string_view src_ns,
               std::string_view src_name) {
  int max = 0;
  switch (count_exact(dest_ns, dest_name)) {
    case 2:
      max = 9;
      break;
    case 1:
      max = 6;
      break;
    default:
      max = 3;
      break;
  }
  return max - (2 - count_exact(src_ns, src_name));
}

namespace {
Entry read_entry(const Document& doc) {
  Entry e;
  e.enterprise = doc.enterprise();
  e.legacy = doc.option("mode") == "legacy";
  const Value& j = doc.json;
  e.name = text(j, "Name");
  // CE has one namespace and one partition; the keys never reach Validate
  // (the CE server rejects them while decoding).
  e.ns = e.enterprise ? or_default(text(j, "Namespace")) : "default";
  e.partition = e.enterprise ? or_default(text(j, "Partition")) : "default";
  const Value& sources = list(j, "Sources");
  e.sources.reserve(sources.size());
  std::vector<int> prec;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Value& src = sources[i];
    const SourceFields f = source_fields(src);
    Source s;
    s.json = &src;
    s.user = i;
    s.name = f.name;
    s.peer = f.peer;
    s.sameness_group = f.sameness_group;
    s.action = f.action;
    s.type = f.type.empty() ? std::string_view("consul") : f.type;
    if (e.enterprise) {
      const Meta m = meta(f.ns, f.partition, !f.peer.empty() || !f.sameness_group.empty(), e.ns, e.partition);
      s.ns = m.ns;
      s.partition_or_empty = m.partition_or_empty;
      s.partition = or_default(m.partition_or_empty);
    } else {
      s.ns = "default";
      s.partition = "default";
    }
    s.precedence = precedence(e.ns, e.name, s.ns, s.name);
    prec.push_back(s.precedence);
    e.sources.push_back(std::move(s));
  }
  const std::vector<std::size_t> idx = precedence_order(prec);
  for (std::size_t k = 0; k < idx.size(); ++k) {
    e.sources[idx[k]].sorted = k;
    e.sorted_sources.push_back(&e.sources[idx[k]]);
  }
  return e;
}
}  // namespace

const Entry& read(const Document& doc) {
  return doc.memo<Entry>([&] { return read_entry(doc); });
}

std::string renumber_sentence(const Source& s) {
  return "Consul reports this as " + s.consul() + ": it sorts sources by precedence before validating";
}

void renumber_note(Report& r, const Source& s, std::string message, std::string path) {
  if (s.renumbered()) {
    r.note(renumber_sentence(s), s.path());
  } else if (!message.empty()) {
    r.note(std::move(message), std::move(path));
  }
}

std::string q(std::string_view s) {
  constexpr std::size_t kMax = 60;
  if (s.size() <= kMax) return "'" + std::string(s) + "'";
  std::size_t cut = kMax - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return "'" + std::string(s.substr(0, cut)) + "...'";
}

entryc::sdk::Normalized normalize(const Json& entry, bool enterprise, bool legacy) {
  entryc::sdk::Normalized out;
  if (entry.is_null()) {
    out.ok = false;
    out.error = "config entry is nil";
    return out;
  }
  out.json = entry;
  if (!out.json.is_object()) return out;
  Json& e = out.json;
  e["Kind"] = "service-intentions";
  std::string dest_ns = "default", dest_partition = "default";
  if (enterprise) {
    dest_ns = field(e, "Namespace");
    dest_partition = field(e, "Partition");
    if (dest_ns.empty()) dest_ns = "default";
    if (dest_partition.empty()) dest_partition = "default";
    e["Namespace"] = dest_ns;
    e["Partition"] = dest_partition;
  } else {
    e.erase("Namespace");
    e.erase("Partition");
  }
  const auto it = e.find("Sources");
  if (it == e.end() || !it->is_array()) return out;
  Json& listed = *it;
  std::vector<Json> sources;
  std::vector<int> prec;
  for (Json& src : listed) {
    if (src.is_object()) {
      if (field(src, "Type").empty()) src["Type"] = "consul";
      std::string ns = "default";
      if (enterprise) {
        const std::string src_ns = field(src, "Namespace"), src_partition = field(src, "Partition");
        const Meta m = meta(src_ns, src_partition, !field(src, "Peer").empty() || !field(src, "SamenessGroup").empty(),
                            dest_ns, dest_partition);
        ns = m.ns;
        src["Namespace"] = m.ns;
        if (!m.partition_or_empty.empty()) src["Partition"] = m.partition_or_empty;
      } else {
        src.erase("Namespace");
        src.erase("Partition");
      }
      src["Precedence"] = precedence(dest_ns, field(e, "Name"), ns, field(src, "Name"));
      if (legacy) {
        if (!present(src, "LegacyMeta")) src["LegacyMeta"] = Json::object();
      } else {
        src.erase("LegacyID");
        src.erase("LegacyCreateTime");
        src.erase("LegacyUpdateTime");
      }
      auto perms = src.find("Permissions");
      if (perms != src.end() && perms->is_array()) {
        for (Json& perm : *perms) {
          if (!perm.is_object()) continue;
          auto http = perm.find("HTTP");
          if (http == perm.end() || !http->is_object()) continue;
          auto methods = http->find("Methods");
          if (methods == http->end() || !methods->is_array()) continue;
          for (Json& m : *methods) {
            if (m.is_string()) m = upper(m.get<std::string>());
          }
        }
      }
      prec.push_back(src["Precedence"].get<int>());
    } else {
      prec.push_back(0);
    }
    sources.push_back(std::move(src));
  }
  Json sorted = Json::array();
  for (const std::size_t k : precedence_order(prec)) sorted.push_back(std::move(sources[k]));
  listed = std::move(sorted);
  return out;
}

entryc::sdk::Normalized normalize_list(const Json& rows) {
  entryc::sdk::Normalized out;
  if (!rows.is_array()) {
    out.ok = false;
    out.error = "an intention list is a JSON array";
    return out;
  }
  std::vector<Json> v;
  for (const Json& r : rows) {
    Json row = r;
    if (row.is_object()) {
      row["Precedence"] = precedence(field(row, "DestinationNS"), field(row, "DestinationName"), field(row, "SourceNS"),
                                     field(row, "SourceName"));
    }
    v.push_back(std::move(row));
  }
  // IntentionPrecedenceSorter (agent/structs/intention.go).
  static const char* const kKeys[] = {
      "SourceSamenessGroup", "SourcePeer",           "SourcePartition", "SourceNS",
      "SourceName",          "DestinationPartition", "DestinationNS",   "DestinationName"};
  auto prec = [](const Json& j) {
    auto it = j.is_object() ? j.find("Precedence") : j.end();
    return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
  };
  std::stable_sort(v.begin(), v.end(), [&](const Json& a, const Json& b) {
    if (prec(a) != prec(b)) return prec(a) > prec(b);
    for (const char* k : kKeys) {
      const std::string x = field(a, k), y = field(b, k);
      if (x != y) return x < y;
    }
    return false;
  });
  out.json = Json::array();
  for (Json& r : v) out.json.push_back(std::move(r));
  return out;
}

}  // namespace intentions
