// intentions-action-case: Action 'Allow', 'DENY', ...: Consul compares it
// case-sensitively (S18, P1 report the rejection); this names the fix.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `path()`: where the action is (made only for a report).
template <typename MakePath>
void check_action(std::string_view action, const MakePath& path, Reporter& out) {
  const std::string fixed = lower(action);
  if (action == fixed || !valid_action(fixed)) return;
  out.report(path(), "action " + q(action) + " must be lowercase: write " + q(fixed))
      .detail("Consul compares Action case-sensitively and rejects " + q(action) + "; only '" + fixed +
              "' is accepted.");
}

}  // namespace

void ActionCase::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    // With Permissions the source's Action must be omitted instead (S19).
    if (perms.empty() || e.legacy) check_action(s.action, [&] { return s.path(".Action"); }, out);
    for (std::size_t j = 0; j < perms.size(); ++j) {
      check_action(field(perms[j], "Action"), [&] { return s.perm(j, ".Action"); }, out);
    }
  }
}

}  // namespace intentions
