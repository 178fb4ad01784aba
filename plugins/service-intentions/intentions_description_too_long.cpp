// intentions-description-too-long (S13): Description over 512 bytes.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {

void DescriptionTooLong::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const std::string d = field(*s.json, "Description");
    if (d.size() <= 512) continue;
    auto r = out.report(s.path(".Description"),
                        "source Description is " + std::to_string(d.size()) + " bytes; the limit is 512");
    r.detail(
         "Consul rejects a source whose Description is longer than 512 bytes (counted in bytes, not "
         "characters). Shorten it, and keep longer notes in your repository.")
        .consul(s.consul(".Description exceeds maximum length 512"))
        .order(order::source(s.sorted, order::kDescription));
    renumber_note(r, s);
  }
}

}  // namespace intentions
