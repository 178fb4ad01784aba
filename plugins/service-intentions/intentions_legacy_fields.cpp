// intentions-legacy-fields (S14-S17 and the legacy-write checks): the
// legacy-intention fields a write must omit, or (legacy mode) must set.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

void legacy_write(const Source& s, Reporter& out) {
  auto must = [&](bool bad, const char* f, const std::string& summary, const char* detail, const std::string& text,
                  int step) {
    if (!bad) return;
    auto r = out.report(s.path(std::string(".") + f), summary);
    r.detail(detail).consul(text).order(order::source(s.sorted, step));
    renumber_note(r, s);
  };
  const char* kNotLegacy =
      "The legacy intentions API writes one local source at a time and has no such field; "
      "write this source with `consul config write` instead.";
  must(!s.peer.empty(), "Peer", "a legacy intention cannot set 'Peer'", kNotLegacy,
       s.consul(".Peer cannot be set by legacy intentions"), order::kLegacyPeer);
  must(!s.sameness_group.empty(), "SamenessGroup", "a legacy intention cannot set 'SamenessGroup'", kNotLegacy,
       s.consul(".SamenessGroup cannot be set by legacy intentions"), order::kLegacySameness);
  const char* kSet =
      "The legacy intentions API records an ID and creation and update times for every intention; "
      "Consul rejects a legacy write without them.";
  must(!present(*s.json, "LegacyCreateTime"), "LegacyCreateTime", "legacy intention has no 'LegacyCreateTime'", kSet,
       s.consul(".LegacyCreateTime must be set"), order::kLegacyCreateTime);
  must(!present(*s.json, "LegacyUpdateTime"), "LegacyUpdateTime", "legacy intention has no 'LegacyUpdateTime'", kSet,
       s.consul(".LegacyUpdateTime must be set"), order::kLegacyUpdateTime);
  must(field(*s.json, "LegacyID").empty(), "LegacyID", "legacy intention has no 'LegacyID'", kSet,
       s.consul(".LegacyID must be set"), order::kLegacyId);
}

}  // namespace

void LegacyFields::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (e.legacy) {
      legacy_write(s, out);
      continue;
    }
    // LegacyID, LegacyCreateTime and LegacyUpdateTime are cleared by
    // Normalize before Validate (S15-S17 cannot fire); only LegacyMeta is
    // kept so that the write fails (intentions-legacy-fields-ignored warns
    // about the others).
    const Value* meta = object(*s.json, "LegacyMeta");
    if (!meta || meta->empty()) continue;
    auto r = out.report(s.path(".LegacyMeta"), "source sets 'LegacyMeta'");
    r.detail(
         "LegacyMeta belongs to the legacy intentions API. Consul rejects it on config-entry writes rather "
         "than drop the data; move the pairs to the entry's Meta, or remove them.")
        .consul(s.consul(".LegacyMeta must be omitted"))
        .order(order::source(s.sorted, order::kLegacyMeta));
    renumber_note(r, s);
  }
}

}  // namespace intentions
