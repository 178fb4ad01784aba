// Shared by the libFuzzer targets: a sink that checks every diagnostic's
// invariants, and a scratch directory for targets whose readers take paths.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

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

// A directory of its own for this process, under $ENTRYC_FUZZ_TMPDIR, else
// /dev/shm, else /tmp. On a disk file system every rewrite of a scratch file
// is written back when it is closed (ext4's auto_da_alloc after a truncate),
// which took most of fuzz_state's time; tmpfs has no disk to write to.
// Removed when the process exits normally.
inline const std::string& scratch_dir() {
  static const std::string& dir = *[] {
    std::string base = "/tmp";
    if (const char* env = std::getenv("ENTRYC_FUZZ_TMPDIR"); env != nullptr && *env != '\0') {
      base = env;
    } else if (::access("/dev/shm", W_OK) == 0) {
      base = "/dev/shm";
    }
    // Never destroyed, so that the exit handler can still read it.
    auto* made = new std::string(base + "/entryc-fuzz-XXXXXX");
    if (::mkdtemp(made->data()) == nullptr) std::abort();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return made;
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
