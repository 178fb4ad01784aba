// The ACL system: rule parsing (conformance corpus), Consul's lookup
// (exact beats prefix, longest prefix), aggregates, the imported-data read
// rule, merging, identities and the default-policy chain.
#include "acl.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "common.hpp"
#include "support.hpp"

namespace entryc::runtime {
namespace {

using acl::Access;
using acl::Decision;

// --- parsing: every case of ../shared/conformance/acl ---------------------------------

// The parsed policy in the corpus's shape (acl.Policy as encoding/json writes it).
Json to_corpus_json(const acl::Rules& r) {
  struct Shape {
    acl::Block block;
    const char* field;
    const char* name_field;
  };
  static const Shape kShapes[] = {{acl::Block::agent, "Agents", "Node"},
                                  {acl::Block::agent_prefix, "AgentPrefixes", "Node"},
                                  {acl::Block::key, "Keys", "Prefix"},
                                  {acl::Block::key_prefix, "KeyPrefixes", "Prefix"},
                                  {acl::Block::node, "Nodes", "Name"},
                                  {acl::Block::node_prefix, "NodePrefixes", "Name"},
                                  {acl::Block::service, "Services", "Name"},
                                  {acl::Block::service_prefix, "ServicePrefixes", "Name"},
                                  {acl::Block::session, "Sessions", "Node"},
                                  {acl::Block::session_prefix, "SessionPrefixes", "Node"},
                                  {acl::Block::event, "Events", "Event"},
                                  {acl::Block::event_prefix, "EventPrefixes", "Event"},
                                  {acl::Block::query, "PreparedQueries", "Prefix"},
                                  {acl::Block::query_prefix, "PreparedQueryPrefixes", "Prefix"}};
  Json out = Json::object();
  for (const Shape& s : kShapes) {
    Json list = Json::array();
    for (const acl::Rule& rule : r.of(s.block)) {
      Json j = {{s.name_field, rule.name}, {"Policy", rule.policy}};
      if (!rule.intentions.empty()) j["Intentions"] = rule.intentions;
      list.push_back(j);
    }
    if (!list.empty()) out[s.field] = list;
  }
  const std::pair<acl::Scalar, const char*> scalars[] = {{acl::Scalar::acl, "ACL"},
                                                         {acl::Scalar::keyring, "Keyring"},
                                                         {acl::Scalar::operator_, "Operator"},
                                                         {acl::Scalar::mesh, "Mesh"},
                                                         {acl::Scalar::peering, "Peering"}};
  for (const auto& [s, field] : scalars) {
    if (!r.scalar(s).empty()) out[field] = r.scalar(s);
  }
  return out;
}

// The corpus writes keys the Go literal sets, zero values included: drop
// them on both sides (a missing key is the zero value).
Json strip_zero(const Json& j) {
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      Json v = strip_zero(it.value());
      if ((v.is_string() && v.get<std::string>().empty()) || ((v.is_array() || v.is_object()) && v.empty())) continue;
      out[it.key()] = v;
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const Json& e : j) out.push_back(strip_zero(e));
    return out;
  }
  return j;
}

struct CorpusCase {
  std::string name, file;
};
void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.name << "/" << c.file; }

std::vector<CorpusCase> acl_corpus() {
  std::vector<CorpusCase> out;
  const std::filesystem::path dir = std::filesystem::path(ENTRYC_SHARED_DIR) / "conformance" / "acl";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    for (const char* f : {"rules.hcl", "rules.json"}) out.push_back({e.path().filename().string(), f});
  }
  std::sort(out.begin(), out.end(), [](const CorpusCase& a, const CorpusCase& b) {
    return std::tie(a.name, a.file) < std::tie(b.name, b.file);
  });
  return out;
}

class AclCorpus : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(AclCorpus, ParsesLikeConsul) {
  const std::filesystem::path dir = std::filesystem::path(ENTRYC_SHARED_DIR) / "conformance" / "acl" / GetParam().name;
  const acl::Parsed parsed = acl::parse_rules(test::read_file((dir / GetParam().file).string()));
  if (std::filesystem::exists(dir / "expected-error.txt")) {
    std::string want = test::read_file((dir / "expected-error.txt").string());
    want.pop_back();  // the trailing newline is not part of the text
    EXPECT_TRUE(parsed.error.starts_with(want)) << "got: " << parsed.error << "\nwant prefix: " << want;
  } else {
    ASSERT_EQ(parsed.error, "");
    const Json want = Json::parse(test::read_file((dir / "expected.json").string()));
    EXPECT_EQ(strip_zero(to_corpus_json(parsed.rules)).dump(1), strip_zero(want).dump(1));
  }
}

INSTANTIATE_TEST_SUITE_P(Conformance, AclCorpus, ::testing::ValuesIn(acl_corpus()),
                         [](const ::testing::TestParamInfo<CorpusCase>& i) {
                           std::string n = i.param.name + "_" + i.param.file;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(AclParse, ExactConsulTexts) {
  struct Case {
    const char* rules;
    const char* error;
  };
  const Case cases[] = {
      {"service \"foo\" { policy = \"nope\" }",
       "Invalid service policy: &acl.ServiceRule{Name:\"foo\", Policy:\"nope\", Intentions:\"\", "
       "EnterpriseRule:acl.EnterpriseRule{}}"},
      {"node \"n\" { policy = \"list\" }",
       "Invalid node policy: &acl.NodeRule{Name:\"n\", Policy:\"list\", EnterpriseRule:acl.EnterpriseRule{}}"},
      {"key \"k\" { policy = \"list\" }", ""},  // only KV accepts list
      {"session \"s\" { policy = \"x\" }", "Invalid session policy: &acl.SessionRule{Node:\"s\", Policy:\"x\"}"},
      {"operator = \"nope\"", "Invalid operator policy: \"nope\""},
      {"operator = \"read\"\noperator = \"write\"",
       "Failed to parse ACL rules: The argument \"operator\" at 2:1 was already set. Each argument can only be defined "
       "once"},
      {"service \"web\" { policy = \"read\" }\nservice \"web\" { policy = \"write\" }",
       ""},                                           // repeated blocks are legal
      {"servce \"web\" { policy = \"write\" }", ""},  // typos are ignored
      {"service \"web\" { policy = \"READ\" }", ""},  // levels are case-insensitive
      {"acl = \"list\"", "Invalid acl policy: \"list\""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(acl::parse_rules(c.rules).error, c.error) << c.rules;
}

TEST(AclParse, PolicyNames) {
  struct Case {
    std::string name;
    const char* error;
  };
  const Case cases[] = {
      {"frontend-sidecar", ""},
      {"team/frontend_1", ""},
      {"", "Invalid Policy: no Name is set"},
      {std::string(129, 'a'), "Invalid Policy: invalid Name. Length must be greater than 0 and less than 128"},
      {"/x", "Invalid Policy: invalid Name. Names cannot be prefixed with '/' or 'builtin/'"},
      {"builtin/x", "Invalid Policy: invalid Name. Names cannot be prefixed with '/' or 'builtin/'"},
      {"a/b/c", "Invalid Policy: invalid Name. Only alphanumeric characters, a single '/', '-' and '_' are allowed"},
      {"a b", "Invalid Policy: invalid Name. Only alphanumeric characters, a single '/', '-' and '_' are allowed"},
  };
  for (const Case& c : cases) EXPECT_EQ(acl::validate_policy_name(c.name), c.error) << c.name;
}

// --- the authorizer ------------------------------------------------------------------

acl::Authorizer authorizer(const std::string& rules) {
  const acl::Parsed p = acl::parse_rules(rules, "policy \"p\"");
  EXPECT_EQ(p.error, "") << rules;
  return acl::Authorizer(p.rules);
}

struct LookupCase {
  const char* name;
  const char* rules;
  const char* service;
  Access access;
  Decision want;
};
void PrintTo(const LookupCase& c, std::ostream* os) { *os << c.name; }

class AclLookup : public ::testing::TestWithParam<LookupCase> {};

TEST_P(AclLookup, ServiceRule) {
  const LookupCase& c = GetParam();
  EXPECT_EQ(authorizer(c.rules).service(c.service, c.access).decision, c.want);
}

const LookupCase kLookups[] = {
    {"exact_beats_longer_prefix",
     "service \"web\" { policy = \"deny\" }\nservice_prefix \"web\" { policy = \"write\" }", "web", Access::read,
     Decision::deny},
    {"exact_beats_prefix_allow", "service_prefix \"\" { policy = \"deny\" }\nservice \"web\" { policy = \"read\" }",
     "web", Access::read, Decision::allow},
    {"exact_only_for_its_name", "service \"web\" { policy = \"write\" }", "web2", Access::read, Decision::abstain},
    {"longest_prefix_wins_deny",
     "service_prefix \"w\" { policy = \"write\" }\nservice_prefix \"we\" { policy = \"deny\" }", "web", Access::read,
     Decision::deny},
    {"longest_prefix_wins_allow",
     "service_prefix \"w\" { policy = \"deny\" }\nservice_prefix \"we\" { policy = \"read\" }", "web", Access::read,
     Decision::allow},
    {"prefix_equal_to_name", "service_prefix \"web\" { policy = \"write\" }", "web", Access::write, Decision::allow},
    {"empty_prefix_matches_all", "service_prefix \"\" { policy = \"read\" }", "anything", Access::read,
     Decision::allow},
    {"read_does_not_write", "service \"web\" { policy = \"read\" }", "web", Access::write, Decision::deny},
    {"write_grants_read", "service \"web\" { policy = \"write\" }", "web", Access::read, Decision::allow},
    {"no_rule_abstains", "node_prefix \"\" { policy = \"write\" }", "web", Access::read, Decision::abstain},
    {"merged_blocks_deny_wins", "service \"web\" { policy = \"write\" }\nservice \"web\" { policy = \"deny\" }", "web",
     Access::read, Decision::deny},
    {"uppercase_level_enforced", "service \"web\" { policy = \"WRITE\" }", "web", Access::write, Decision::allow},
};
INSTANTIATE_TEST_SUITE_P(Table, AclLookup, ::testing::ValuesIn(kLookups),
                         [](const ::testing::TestParamInfo<LookupCase>& i) { return std::string(i.param.name); });

TEST(AclAuthorizer, IntentionsDeriveFromPolicy) {
  // `policy = "write"` alone gives intentions read, never write (§3.8).
  const acl::Authorizer a = authorizer("service \"web\" { policy = \"write\" }\nservice \"db\" { policy = \"deny\" }");
  EXPECT_EQ(a.intention("web", Access::read).decision, Decision::allow);
  EXPECT_EQ(a.intention("web", Access::write).decision, Decision::deny);
  EXPECT_EQ(a.intention("db", Access::read).decision, Decision::deny);
  const acl::Authorizer b = authorizer("service \"web\" { policy = \"WRITE\" }");
  EXPECT_EQ(b.intention("web", Access::read).decision, Decision::deny);  // derived from a non-lowercase level
  const acl::Authorizer c = authorizer("service \"web\" { policy = \"read\" intentions = \"write\" }");
  EXPECT_EQ(c.intention("web", Access::write).decision, Decision::allow);
}

TEST(AclAuthorizer, Aggregates) {
  EXPECT_EQ(authorizer("service \"web\" { policy = \"write\" }").service_write_any().decision, Decision::allow);
  EXPECT_EQ(authorizer("service \"web\" { policy = \"read\" }").service_write_any().decision, Decision::abstain);
  EXPECT_EQ(authorizer("service_prefix \"\" { policy = \"deny\" }").service_write_any().decision, Decision::deny);
  EXPECT_EQ(authorizer("service_prefix \"\" { policy = \"deny\" }\nservice \"a\" { policy = \"write\" }")
                .service_write_any()
                .decision,
            Decision::allow);  // a catch-all deny can still be overridden for "any"
  EXPECT_EQ(authorizer("service_prefix \"\" { policy = \"read\" }").service_read_all().decision, Decision::allow);
  EXPECT_EQ(authorizer("service \"a\" { policy = \"read\" }").service_read_all().decision, Decision::abstain);
  EXPECT_EQ(authorizer("service_prefix \"\" { policy = \"read\" }\nservice \"x\" { policy = \"deny\" }")
                .service_read_all()
                .decision,
            Decision::deny);
  EXPECT_EQ(authorizer("service_prefix \"\" { policy = \"deny\" }").service_read_all().decision, Decision::deny);
}

struct ImportCase {
  const char* name;
  const char* rules;
  bool default_allow;
  bool want;
};
void PrintTo(const ImportCase& c, std::ostream* os) { *os << c.name; }
class AclImportedRead : public ::testing::TestWithParam<ImportCase> {};

TEST_P(AclImportedRead, ServiceAndNode) {
  const ImportCase& c = GetParam();
  const acl::Authorizer a = authorizer(c.rules);
  const acl::Chain chain{true, c.default_allow};
  const bool got =
      acl::resolve(chain, a.imported_service_read().decision) && acl::resolve(chain, a.imported_node_read().decision);
  EXPECT_EQ(got, c.want);
}

const ImportCase kImports[] = {
    {"write_on_one_service", "service \"frontend\" { policy = \"write\" }", false, true},
    {"write_on_a_prefix", "service_prefix \"front\" { policy = \"write\" }", false, true},
    {"read_all_and_node_read_all", "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }",
     false, true},
    {"read_all_without_nodes", "service_prefix \"\" { policy = \"read\" }", false, false},
    {"read_all_with_a_deny",
     "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }\nservice \"secret\" { policy = "
     "\"deny\" }",
     false, false},
    {"read_one_service", "service \"frontend\" { policy = \"read\" }", false, false},
    {"nothing_default_deny", "", false, false},
    {"nothing_default_allow", "", true, true},
    {"read_one_default_allow", "service \"frontend\" { policy = \"read\" }", true, true},
    {"deny_one_default_allow_no_write", "service \"x\" { policy = \"deny\" }", true, false},
    {"write_wins_over_a_deny_elsewhere",
     "service \"frontend\" { policy = \"write\" }\nservice_prefix \"\" { policy = \"deny\" }", false, true},
};
INSTANTIATE_TEST_SUITE_P(Table, AclImportedRead, ::testing::ValuesIn(kImports),
                         [](const ::testing::TestParamInfo<ImportCase>& i) { return std::string(i.param.name); });

TEST(AclMerge, DenyWriteListReadOrder) {
  EXPECT_TRUE(acl::takes_precedence("deny", "write"));
  EXPECT_TRUE(acl::takes_precedence("write", "list"));
  EXPECT_TRUE(acl::takes_precedence("list", "read"));
  EXPECT_TRUE(acl::takes_precedence("read", ""));
  EXPECT_FALSE(acl::takes_precedence("read", "write"));
  EXPECT_FALSE(acl::takes_precedence("", "read"));
  EXPECT_FALSE(acl::takes_precedence("WRITE", "read"));  // compared case-sensitively
  const acl::Parsed a =
      acl::parse_rules("service \"web\" { policy = \"read\" intentions = \"write\" }", "policy \"a\"");
  const acl::Parsed b = acl::parse_rules(
      "service \"web\" { policy = \"write\" intentions = \"read\" }\noperator = \"read\"", "policy \"b\"");
  const acl::Rules m = acl::merge({&a.rules, &b.rules});
  ASSERT_EQ(m.of(acl::Block::service).size(), 1U);
  EXPECT_EQ(m.of(acl::Block::service)[0].policy, "write");      // from b
  EXPECT_EQ(m.of(acl::Block::service)[0].intentions, "write");  // from a, merged independently
  EXPECT_EQ(m.scalar(acl::Scalar::operator_), "read");
}

TEST(AclAuthorizer, ServiceIdentityGrants) {
  const acl::Authorizer a(acl::service_identity("web"));
  EXPECT_EQ(a.service("web", Access::write).decision, Decision::allow);
  EXPECT_EQ(a.service("web-sidecar-proxy", Access::write).decision, Decision::allow);
  EXPECT_EQ(a.service("db", Access::read).decision, Decision::allow);
  EXPECT_EQ(a.service("db", Access::write).decision, Decision::deny);
  EXPECT_EQ(a.node("n1", Access::read).decision, Decision::allow);
  EXPECT_EQ(a.imported_service_read().decision, Decision::allow);
}

TEST(AclAuthorizer, MeshAndPeeringFallBackToOperator) {
  const acl::Authorizer a = authorizer("operator = \"write\"");
  EXPECT_EQ(a.mesh(Access::write).decision, Decision::allow);
  EXPECT_EQ(a.peering(Access::write).decision, Decision::allow);
  const acl::Authorizer b = authorizer("operator = \"write\"\nmesh = \"read\"");
  EXPECT_EQ(b.mesh(Access::write).decision, Decision::deny);
  EXPECT_EQ(b.peering(Access::write).decision, Decision::allow);
}

TEST(AclChain, DefaultPolicy) {
  EXPECT_TRUE(acl::resolve({false, false}, Decision::deny));  // ACLs off: everything allowed
  EXPECT_TRUE(acl::resolve({true, true}, Decision::abstain));
  EXPECT_FALSE(acl::resolve({true, false}, Decision::abstain));
  EXPECT_FALSE(acl::resolve({true, true}, Decision::abstain, true));  // allow never grants acl:*
  EXPECT_FALSE(acl::resolve({true, true}, Decision::deny));
  EXPECT_TRUE(acl::resolve({true, false}, Decision::allow));
}

TEST(AclAuthorizer, VerdictNamesTheRule) {
  const acl::Authorizer a = authorizer("service \"frontend-service\" { policy = \"write\" }");
  EXPECT_EQ(a.imported_service_read().rule, "service \"frontend-service\" { policy = \"write\" } from policy \"p\"");
}

}  // namespace
}  // namespace entryc::runtime
