#include "project_harness.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "entryc/lint.hpp"
#include "entryc/plugin_host.hpp"
#include "entryc/project.hpp"
#include "lint_harness.hpp"

namespace entryc::test {
namespace {
namespace fs = std::filesystem;

const plugins::Host& host() {
  static plugins::Host* h = [] {
    auto* p = new plugins::Host();
    diag::Collector sink;
    const std::vector<std::string> none;
    p->load(none, sink);
    for (const auto& d : sink.diagnostics()) ADD_FAILURE() << "plugin load: " << d.summary;
    return p;
  }();
  return *h;
}

// A fresh directory, removed with everything in it at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "entryc-project-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) ADD_FAILURE() << "mkdtemp failed";
    path_ = tmpl;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// "FILE:LINE:COL RULE PATH" -> "FILE RULE PATH"
std::string without_position(const std::string& f) {
  const std::size_t colon = f.find(':');
  const std::size_t space = f.find(' ');
  return colon < space ? f.substr(0, colon) + f.substr(space) : f;
}

}  // namespace

std::vector<std::string> lint_project(const std::string& project, const std::vector<ProjectFile>& files,
                                      bool json_entries, std::vector<std::string>* texts) {
  TempDir dir;
  write(dir.path() / "entryc.hcl", project);
  for (const ProjectFile& f : files) write(dir.path() / f.path, json_entries ? json_twin(f.text) : f.text);

  SourceManager sm;
  diag::Collector sink;
  project::LoadOptions options;
  options.config.preset = "all";
  const std::optional<project::Project> p =
      project::load_project(sm, (dir.path() / "entryc.hcl").string(), host(), options, sink);
  if (p) project::check_project(*p, host(), options.config, sink);

  const std::string prefix = dir.path().string() + "/";
  std::vector<std::string> out;
  for (const diag::Diagnostic& d : sink.diagnostics()) {
    std::string file = "?";
    std::uint32_t line = 0, column = 0;
    if (d.subject.valid()) {
      file = std::string(sm.file(d.subject.file).name());
      const Position pos = sm.begin_position(d.subject);
      line = pos.line;
      column = pos.column;
    }
    if (file.rfind(prefix, 0) == 0) file.erase(0, prefix.size());
    out.push_back(file + ":" + std::to_string(line) + ":" + std::to_string(column) + " " + d.code + " " + d.path);
    if (texts) {
      std::string words = d.code + ": " + d.summary;
      for (const diag::Note& n : d.notes) words += "\n" + n.message;
      texts->push_back(words + "\n" + d.detail);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_project_rule(const std::string& rule, const ProjectCase& c) {
  auto mine = [&](const std::vector<std::string>& all) {
    std::vector<std::string> out;
    for (const std::string& f : all) {
      if (f.find(" " + rule + " ") != std::string::npos || f.find(" core-plugin-failure") != std::string::npos) {
        out.push_back(f);
      }
    }
    return out;
  };
  std::vector<std::string> want = c.expect;
  std::sort(want.begin(), want.end());
  std::vector<std::string> texts;
  EXPECT_EQ(mine(lint_project(c.project, c.files, false, &texts)), want) << "entryc.hcl:\n" << c.project;
  std::string all;
  for (const std::string& t : texts) all += t + "\n\n";
  auto said = [&](const std::string& words) {
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
      return t.rfind(rule + ": ", 0) == 0 && t.find(words) != std::string::npos;
    });
  };
  for (const std::string& s : c.says) EXPECT_TRUE(said(s)) << "no " << rule << " finding says: " << s << "\n" << all;
  for (const std::string& s : c.never_says) {
    EXPECT_FALSE(said(s)) << "a " << rule << " finding says: " << s << "\n" << all;
  }

  std::vector<std::string> want_json;
  for (const std::string& w : want) want_json.push_back(without_position(w));
  std::vector<std::string> got_json;
  for (const std::string& f : mine(lint_project(c.project, c.files, true))) got_json.push_back(without_position(f));
  std::sort(want_json.begin(), want_json.end());
  std::sort(got_json.begin(), got_json.end());
  EXPECT_EQ(got_json, want_json) << "with the entry files as JSON";
}

}  // namespace entryc::test
