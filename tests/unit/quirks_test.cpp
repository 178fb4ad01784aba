// The 36 HCL1 quirk fixtures of ../shared/oracle/quirks: our decode view must
// print exactly what HashiCorp's parser (hcl1ref) prints, in all three modes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "entryc/document.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kQuirks = fs::path(ENTRYC_SHARED_DIR) / "oracle" / "quirks";

struct Expected {
  std::map<std::string, std::string> plain, consul, dup_error;
};

Expected load_expected() {
  Expected e;
  std::ifstream in(kQuirks / "expected.txt");
  std::string line;
  std::map<std::string, std::string>* cur = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("# hcl1ref json -consul", 0) == 0) cur = &e.consul;
    else if (line.rfind("# hcl1ref json -dup-error", 0) == 0) cur = &e.dup_error;
    else if (line.rfind("# hcl1ref json", 0) == 0) cur = &e.plain;
    else if (cur && !line.empty()) {
      const auto tab = line.find('\t');
      (*cur)[fs::path(line.substr(0, tab)).filename().string()] = line.substr(tab + 1);
    }
  }
  return e;
}

std::string run(const std::string& name, entryc::Reader reader, bool dup_error) {
  std::ifstream in(kQuirks / name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add(name, ss.str());
  entryc::diag::Collector sink;
  entryc::ReadOptions o;
  o.reader = reader;
  o.dup_error = dup_error;
  entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, o);
  if (!pd.accepted()) return "error: " + pd.reference_error;
  std::string out;
  entryc::generic::write_json(pd.tree.root, out);
  return out;
}

TEST(Quirks, AllThirtySixFixturesMatchTheOracle) {
  const Expected e = load_expected();
  ASSERT_EQ(e.plain.size(), 36u);
  int checked = 0;
  for (const auto& [name, want] : e.plain) {
    EXPECT_EQ(run(name, entryc::Reader::hcl, false), want) << name << " (hcl1ref json)";
    ++checked;
  }
  for (const auto& [name, want] : e.consul) {
    EXPECT_EQ(run(name, entryc::Reader::consul, false), want) << name << " (hcl1ref json -consul)";
    ++checked;
  }
  for (const auto& [name, want] : e.dup_error) {
    EXPECT_EQ(run(name, entryc::Reader::hcl, true), want) << name << " (hcl1ref json -dup-error)";
    ++checked;
  }
  EXPECT_EQ(checked, 36 + 7 + 29);
}

}  // namespace
