// acl-mixed-case-level: 'WRITE', 'Read'... Valid for access checks, but the
// intentions default (§3.8) and merging (§4.4) compare exact lowercase.
#include <algorithm>

#include "policy.hpp"
#include "rules.hpp"

namespace acl::lint {

namespace {

std::string merge_text(const std::string& text) {
  return "Merging rules and policies for the same name compares the exact lowercase strings (deny > write > list > "
         "read), so '" + text + "' loses against any other level set for the same name (a 'DENY' would not even "
         "override a 'read'). Write \"" + lower(text) + "\".";
}

bool mixed(const Level& l, bool allow_list) {
  return l.present && !l.broken && !l.number && valid_level(l.text, allow_list) &&
         std::any_of(l.text.begin(), l.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

void MixedCaseLevel::check(const Document& doc, Reporter& out) const {
  const Policy& p = parse(doc);
  for (const TypeInfo& ti : types()) {
    if (ti.scalar) {
      const Scalar* s = p.effective(ti.type);
      if (!s || !mixed(s->level, false)) continue;
      out.report(s->path(), "level '" + s->level.text + "' of '" + std::string(ti.name) + "' is not lowercase")
          .detail("Consul accepts it for access checks. " + merge_text(s->level.text));
      continue;
    }
    for (const acl::Rule& r : p.of(ti.type)) {
      const bool policy = mixed(r.policy, ti.allows_list), intentions = ti.has_intentions && mixed(r.intentions, false);
      if (!policy && !intentions) continue;
      const std::string what = describe(r.type, r.name);
      if (policy) {
        const std::string l = lower(r.policy.text);
        if (ti.has_intentions && r.intentions.text.empty() && (l == "read" || l == "write")) {
          out.report(r.path(r.policy), "policy '" + r.policy.text + "' of " + what +
                                           " is not lowercase, so its intentions level becomes 'deny'")
              .detail(
                  "Consul accepts levels in any case for access checks, but derives the intentions level from "
                  "the exact strings \"read\" and \"write\": this rule denies reading intentions instead of "
                  "granting it. " +
                  merge_text(r.policy.text));
        } else {
          out.report(r.path(r.policy), "policy '" + r.policy.text + "' of " + what + " is not lowercase")
              .detail("Consul accepts it for access checks. " + merge_text(r.policy.text));
        }
      }
      if (intentions) {
        out.report(r.path(r.intentions), "intentions '" + r.intentions.text + "' of " + what + " is not lowercase")
            .detail("Consul accepts it for access checks. " + merge_text(r.intentions.text));
      }
    }
  }
}

}  // namespace acl::lint
