// intentions-precedence-ignored: a Precedence value in the file; Consul
// always recomputes it (§3.2, §3.5).
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void PrecedenceIgnored::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (!present(*s.json, "Precedence")) continue;
    out.report(s.path(".Precedence"),
               "'Precedence' is ignored: Consul computes it (" + std::to_string(s.precedence) + " for this source)")
        .detail(
            "Precedence is read-only. Consul derives it from how exact the source and destination names are, "
            "from 9 (exact to exact) down to 1 ('*' to '*'), and overwrites what is written. Remove it; to "
            "change which intention wins, make the source or destination more or less exact.")
        .at_entry();
  }
}

}  // namespace intentions
