// Test support for project-wide rules: write a project (entryc.hcl and its
// entry files) to a temporary directory, load it with the plugins of this
// build and run the rules that check the "project" document.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace entryc::test {

struct ProjectFile {
  std::string path;  // relative to the project directory
  std::string text;
};

// Every finding of `project::load_project` (which lints each member file) +
// `project::check_project` (preset "all") as "FILE:LINE:COL RULE-ID PATH",
// FILE relative to the project directory, sorted. With `json_entries`, every
// file but entryc.hcl is rewritten as its JSON twin first (same name: content
// decides, not the extension). With `texts`, also the words of each finding,
// "RULE-ID: summary" then its notes and detail, one per line.
std::vector<std::string> lint_project(const std::string& project, const std::vector<ProjectFile>& files,
                                      bool json_entries = false, std::vector<std::string>* texts = nullptr);

// One row of a project rule's table test. `expect` lists the rule's
// findings as "FILE:LINE:COL RULE-ID PATH", in any order; each of `says`
// must be part of the words (summary, notes, detail) of one of them, and
// none of `never_says` part of any.
struct ProjectCase {
  std::string name;
  std::string project;  // entryc.hcl
  std::vector<ProjectFile> files;
  std::vector<std::string> expect;
  std::vector<std::string> says = {};
  std::vector<std::string> never_says = {};
};

inline void PrintTo(const ProjectCase& c, std::ostream* os) { *os << c.name; }

// Runs a case against `rule` (plugin failures count as findings): exact
// positions with the files as written, the same files and paths with the
// entry files as JSON.
void check_project_rule(const std::string& rule, const ProjectCase& c);

}  // namespace entryc::test

//   ENTRYC_PROJECT_RULE_TEST(PeeringUnknownPeer, "peering-unknown-peer", kCases)
#define ENTRYC_PROJECT_RULE_TEST(Suite, rule_id, cases)                                            \
  class Suite : public ::testing::TestWithParam<::entryc::test::ProjectCase> {};                  \
  TEST_P(Suite, HclAndJson) { ::entryc::test::check_project_rule(rule_id, GetParam()); }          \
  INSTANTIATE_TEST_SUITE_P(Cases, Suite, ::testing::ValuesIn(cases),                              \
                           [](const ::testing::TestParamInfo<::entryc::test::ProjectCase>& i) {   \
                             return i.param.name;                                                 \
                           })
