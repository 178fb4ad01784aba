// intentions-meta-limits (I7): validateConfigEntryMeta; for legacy
// intention writes, entry Meta must be empty and each source's LegacyMeta
// has the same limits.
#include "consul_text.hpp"
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

const char* const kDetail = "Consul limits Meta to 64 pairs, keys to 128 bytes and values to 512 bytes.";

std::string summary(const consul_text::MetaProblem& p, const std::string& what) {
  if (p.key.empty()) return "'" + what + "' has more than 64 pairs";
  if (p.value) return "value of " + q(p.key) + " in '" + what + "' is longer than 512 bytes";
  return "key " + q(p.key) + " in '" + what + "' is longer than 128 bytes";
}

}  // namespace

void MetaLimits::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  const Value* meta = object(doc.json, "Meta");
  if (e.legacy) {
    if (meta && !meta->empty()) {
      out.report("Meta", "a legacy intention write cannot set 'Meta'")
          .detail(
              "The legacy intentions API keeps metadata per intention, in each source's LegacyMeta; Consul "
              "rejects entry-level Meta on that path. Move the pairs to LegacyMeta.")
          .consul("Meta must be omitted for legacy intention writes")
          .order(order::entry(7));
    }
    for (const Source& s : e.sources) {
      const Value* legacy_meta = object(*s.json, "LegacyMeta");
      if (!legacy_meta) continue;
      // Plain errors here (no multierror), the first one wins.
      const auto problems = consul_text::meta_problems(*legacy_meta, s.consul(".Meta").c_str());
      for (std::size_t n = 0; n < problems.size(); ++n) {
        const consul_text::MetaProblem& p = problems[n];
        auto r = out.report(p.key.empty() ? s.path(".LegacyMeta") : s.path(".LegacyMeta[" + p.key + "]"),
                            summary(p, "LegacyMeta"));
        r.detail(kDetail).consul(p.message).order(
            order::source(s.sorted, order::kLegacyMetaLimits, static_cast<long>(n)));
        if (!p.key.empty() && !p.value) r.at_key();
        renumber_note(r, s);
      }
    }
    return;
  }
  if (!meta) return;
  for (const consul_text::MetaProblem& p : consul_text::meta_problems(*meta)) {
    auto r = out.report(p.key.empty() ? std::string("Meta") : "Meta[" + p.key + "]", summary(p, "Meta"));
    r.detail(kDetail).consul(consul_text::multierror({p.message})).order(order::entry(7));
    if (!p.key.empty() && !p.value) r.at_key();
  }
}

}  // namespace intentions
