// intentions-no-sources (I8): an entry without sources.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void NoSources::check(const Document& doc, Reporter& out) const {
  if (!list(doc.json, "Sources").empty()) return;
  out.report("Sources", "service-intentions entry has no sources")
      .detail(
          "Consul rejects an entry without at least one source. Add a Sources block naming the services that "
          "may (or may not) call this one, or remove the entry with `consul config delete`.")
      .consul("At least one source is required")
      .order(order::entry(8));
}

}  // namespace intentions
