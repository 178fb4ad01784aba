// Test support: lint a text with the plugins of this build, and compare the
// findings of one rule in HCL and in the JSON twin of the same text.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "entryc/consul_decode.hpp"
#include "entryc/diagnostic.hpp"

namespace entryc::test {

struct Finding {
  std::string code;
  std::string path;
  diag::Severity severity;
  std::uint32_t line = 0, column = 0;
  std::string summary;
  std::string consul_text;
};

// Lints `text` as file `name` (its extension decides nothing: content does).
std::vector<Finding> lint_text(std::string_view text, std::string_view name = "t.hcl",
                               consul::Edition edition = consul::Edition::ce, std::string_view kind = {});

// The same document written as JSON: blocks become objects (repeated blocks
// lists of objects), as a user would write it for `consul config write`.
std::string json_twin(std::string_view hcl);

// One row of a rule's table test. `expect` lists the rule's findings in
// the HCL text as "LINE:COL PATH", in any order.
struct RuleCase {
  std::string name;
  std::string hcl;
  std::vector<std::string> expect;
  bool enterprise = false;
  std::string kind = {};  // forced kind, e.g. "acl-rules"; empty: detected
};

inline void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

// Runs a case against `rule`: exact positions in HCL, the same paths in the
// JSON twin.
void check_rule(const std::string& rule, const RuleCase& c);

}  // namespace entryc::test

// Instantiates the table test of one rule:
//   ENTRYC_RULE_TEST(ExportsWildcardPeer, "exports-wildcard-peer", kCases)
#define ENTRYC_RULE_TEST(Suite, rule_id, cases)                                                  \
  class Suite : public ::testing::TestWithParam<::entryc::test::RuleCase> {};                   \
  TEST_P(Suite, HclAndJson) { ::entryc::test::check_rule(rule_id, GetParam()); }                \
  INSTANTIATE_TEST_SUITE_P(Cases, Suite, ::testing::ValuesIn(cases),                           \
                           [](const ::testing::TestParamInfo<::entryc::test::RuleCase>& i) {   \
                             return i.param.name;                                               \
                           })
