// Table test for intentions-jwt-provider-name: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"top_level",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\nJWT {\n  Providers = [\n    { VerifyClaims = [ { Path = [\"aud\"], Value = \"x\" } ] },\n    { Name = \"okta\" },\n  ]\n}\n",
     {"6:5 JWT.Providers[0].Name"}},
    {"permission_snake_case",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [\n  {\n    Name = \"web\"\n    Permissions = [\n      {\n        Action = \"allow\"\n        HTTP { PathPrefix = \"/\" }\n        JWT { Providers = [ { Name = \"\" , verify_claims = [ { Path = [\"iss\"], Value = \"me\" } ] } ] }\n      }\n    ]\n  }\n]\n",
     {"10:38 Sources[0].Permissions[0].JWT.Providers[0].Name"}},
    {"named_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Action = \"allow\" } ]\nJWT { Providers = [ { Name = \"okta\" } ] }\n",
     {}},
};

ENTRYC_RULE_TEST(IntentionsJwtProviderName, "intentions-jwt-provider-name", kCases);

}  // namespace
