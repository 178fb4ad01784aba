// acl-wrong-shape: shapes HashiCorp's decoder rejects ("Failed to parse ACL
// rules: ..."), and a block without a label, which it misreads.
#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

void WrongShape::check(const Document& doc, Reporter& out) const {
  const Policy& p = parse(doc);
  for (const Shape& s : p.shapes) {
    auto r = out.report(s.path, s.summary);
    r.detail(s.detail);
    if (s.at_key) r.at_key();
    if (s.fatal) {
      // HashiCorp's text starts with the position ("At 3:14: "), which a
      // plugin cannot know; the rest is exact.
      r.consul("Failed to parse ACL rules: " + s.decoder).order(s.order);
    } else {
      r.severity(entryc::sdk::Severity::warning);
    }
  }
}

}  // namespace acl::lint
