// intentions-partition-wildcard (I5, S6; Enterprise): '*' in a partition.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

const char* const kDetail =
    "Intentions name one admin partition at a time: Consul rejects '*' anywhere in Partition. Write one entry (or "
    "one source) per partition.";

std::string summary(const char* what, std::string_view value) {
  return std::string(what) + " Partition " + q(value) + (value == kWildcard ? " is not supported" : " contains '*'");
}

}  // namespace

void PartitionWildcard::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  if (!e.enterprise) return;  // CE has only the default partition
  if (contains_wildcard(e.partition)) {
    out.report("Partition", summary("destination", e.partition))
        .detail(kDetail)
        .consul("Partition: cannot use wildcard '*' in partition")
        .order(order::entry(5));
  }
  for (const Source& s : e.sources) {
    // A partition inherited from the destination is reported there.
    const std::string written = field(*s.json, "Partition");
    if (!contains_wildcard(written)) continue;
    auto r = out.report(s.path(".Partition"), summary("source", written));
    r.detail(kDetail)
        .consul(s.consul(".Partition: cannot use wildcard '*' in partition"))
        .order(order::source(s.sorted, order::kPartitionWildcard));
    renumber_note(r, s);
  }
}

}  // namespace intentions
