// Shared by the libFuzzer targets: a sink that checks every diagnostic's
// invariants, and a scratch directory for targets whose readers take paths.
#pragma once
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "entryc/diagnostic.hpp"

namespace entryc::fuzz {

// Every diagnostic has a code and a summary; anything else aborts the run.
class CheckingSink final : public diag::Sink {
 public:
  void report(diag::Diagnostic d) override {
    if (d.code.empty() || d.summary.empty()) std::abort();
    if (d.severity == diag::Severity::error) ++errors;
  }
  int errors = 0;
};

// A directory of its own for this process (removed by the OS with /tmp).
inline const std::string& scratch_dir() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/entryc-fuzz-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    if (made == nullptr) std::abort();
    return std::string(made);
  }();
  return dir;
}

// Writes `data` to scratch_dir()/name and returns the path.
inline std::string write_scratch(const std::string& name, std::string_view data) {
  const std::string path = scratch_dir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) std::abort();
  return path;
}

}  // namespace entryc::fuzz
