// intentions-jwt-provider-name (I6, P12): a JWT provider without a Name.
#include "consul_text.hpp"
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

const char* const kDetail =
    "Each provider names the jwt-provider config entry that verifies the token; Consul rejects a provider without "
    "a name. Set Name to the name of that jwt-provider entry.";

// IntentionJWTRequirement.Validate: one error per provider without a name,
// collected into one multierror.
void check_requirement(const Value* jwt, const std::string& at, long order, Reporter& out, const Source* s) {
  if (!jwt) return;
  const Value& providers = list(*jwt, "Providers");
  std::vector<std::size_t> missing;
  for (std::size_t k = 0; k < providers.size(); ++k) {
    if (field(providers[k], "Name").empty()) missing.push_back(k);
  }
  if (missing.empty()) return;
  const std::string text =
      consul_text::multierror(std::vector<std::string>(missing.size(), "JWT provider name is required"));
  for (const std::size_t k : missing) {
    auto r = out.report(item(at.empty() ? "JWT.Providers" : at + ".JWT.Providers", k) + ".Name",
                        "provider in 'JWT' has no 'Name'");
    r.detail(kDetail).consul(text).order(order);
    if (s) renumber_note(r, *s);
  }
}

}  // namespace

void JwtProviderName::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  check_requirement(object(doc.json, "JWT"), "", order::entry(6), out, nullptr);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      check_requirement(object(perms[j], "JWT"), s.perm(j), order::permission(s.sorted, j, order::kPermJwt), out, &s);
    }
  }
}

}  // namespace intentions
