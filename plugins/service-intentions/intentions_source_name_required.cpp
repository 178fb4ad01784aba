// intentions-source-name-required (S1): a source without a Name.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void SourceNameRequired::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    if (!s.name.empty()) continue;
    auto r = out.report(s.path(".Name"), "source has no 'Name'");
    r.detail(
         "Each source names the calling service, or '*' for every service; Consul rejects a source without "
         "one.")
        .consul(s.consul(".Name is required"))
        .order(order::source(s.sorted, order::kName));
    renumber_note(r, s);
  }
}

}  // namespace intentions
