// Writing what a backend produced (entryc emit) to stdout, a file or a
// directory. The paths come from a plugin: they must be relative and stay
// inside the directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace entryc::cli {

struct OutputFile {
  std::string path;  // relative, '/'-separated
  std::string text;
  bool executable = false;  // mode 0755 instead of 0644
};

// With no `out`: the one file to stdout (several are an error). With `out`:
// into the directory `out` when there are several files, `out` is a
// directory or ends with '/'; else the one file to `out`. Returns "" or what
// went wrong; `wrote` says where the files went ("out/", "apply.sh").
std::string write_files(const std::vector<OutputFile>& files, const std::optional<std::string>& out, std::string& wrote);

}  // namespace entryc::cli
