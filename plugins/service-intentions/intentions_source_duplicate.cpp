// intentions-source-duplicate (D1): two sources for the same service (and
// peer or sameness group).
#include <string>

#include "consul_text.hpp"
#include "entry.hpp"
#include "identity_key.hpp"
#include "rules.hpp"

namespace intentions {

void SourceDuplicate::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  // Consul walks the sources in its own (sorted) order and names the later one.
  // The first source with each identity (an entry may have very many
  // sources: FirstSeen hashes them then).
  identity::FirstSeen<5, const Source*> seen;
  for (std::size_t a = 0; a < e.sorted_sources.size(); ++a) {
    const Source& s = *e.sorted_sources[a];
    if (s.name.empty()) continue;  // Consul stops at "Name is required" first
    const Source* const* earlier = seen.add({s.name, s.peer, s.sameness_group, s.ns, s.partition_or_empty}, &s);
    if (!earlier) continue;
    const Source* first = *earlier;
    std::string who = "source " + q(s.name), text;
    if (!s.peer.empty()) {
      who += " from peer " + q(s.peer);
      text = s.consul(" defines peer(" + consul_text::quote(s.peer) + ") ");
    } else if (!s.sameness_group.empty()) {
      who += " from sameness group " + q(s.sameness_group);
      text = s.consul(" defines sameness-group(" + consul_text::quote(s.sameness_group) + ") ");
    } else {
      text = s.consul(" defines ");
    }
    // CE renders the service as its bare name (ServiceName.String()); the
    // Enterprise rendering with namespace and partition is not public.
    text += consul_text::quote(s.name) + " more than once";
    std::string detail =
        "Consul allows one source per service (and peer or sameness group) in an entry, and rejects the second. "
        "Merge the two sources into one.";
    if (s.renumbered()) detail += " " + renumber_sentence(s) + ".";
    auto r = out.report(s.path(".Name"), who + " is listed twice");
    r.detail(detail).order(order::source(s.sorted, order::kDuplicate)).note("first listed here", first->path(".Name"));
    if (!e.enterprise) r.consul(text);
  }
}

}  // namespace intentions
