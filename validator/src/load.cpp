#include "entryc/load.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <utility>

#include <fmt/format.h>

namespace entryc::load {
namespace fs = std::filesystem;

namespace {

bool excluded(const std::string& path, std::span<const std::string> excludes) {
  for (const std::string& pat : excludes) {
    if (fnmatch(pat.c_str(), path.c_str(), 0) == 0) return true;
    const std::string base = fs::path(path).filename().string();
    if (fnmatch(pat.c_str(), base.c_str(), 0) == 0) return true;
  }
  return false;
}

LastInput& last() {
  static LastInput l;
  return l;
}

void io_error(diag::Sink& sink, std::string summary, std::string detail = {}) {
  sink.report(diag::make(diag::Severity::error, "core-io", std::move(summary), {}, std::move(detail)));
}

}  // namespace

std::vector<Input> expand(std::span<const std::string> args, std::span<const std::string> excludes,
                          diag::Sink& sink) {
  std::vector<Input> out;
  for (const std::string& a : args) {
    if (a == "-") {
      out.push_back({"<stdin>", true});
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st)) {
      io_error(sink, fmt::format("cannot open '{}': {}", a, ec ? ec.message() : "No such file or directory"));
      continue;
    }
    if (!fs::is_directory(st)) {
      if (!excluded(a, excludes)) out.push_back({a, false});
      continue;
    }
    // The iterator skips directories it may not read (it must, to go on with
    // the rest of the tree); the files in them were meant to be checked, so
    // each one is reported.
    auto unreadable_dir = [](const std::string& dir) {
      return ::faccessat(AT_FDCWD, dir.c_str(), R_OK | X_OK, AT_EACCESS) != 0;
    };
    if (unreadable_dir(a)) {
      io_error(sink, fmt::format("cannot read directory '{}': {}", a, std::strerror(errno)));
      continue;
    }
    std::vector<std::string> found;
    std::vector<std::pair<std::string, std::string>> broken;  // path, message
    fs::recursive_directory_iterator it(a, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      io_error(sink, fmt::format("cannot read directory '{}': {}", a, ec.message()));
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        io_error(sink, fmt::format("cannot read directory '{}': {}", a, ec.message()));
        break;
      }
      const fs::directory_entry& e = *it;
      std::error_code ec_dir;
      if (e.symlink_status(ec_dir).type() == fs::file_type::directory && unreadable_dir(e.path().string())) {
        const int err = errno;
        if (!excluded(e.path().string(), excludes)) {
          broken.emplace_back(e.path().string(), fmt::format("cannot read directory '{}': {}", e.path().string(),
                                                              std::strerror(err)));
        }
        continue;
      }
      const std::string ext = e.path().extension().string();
      if (ext != ".hcl" && ext != ".json") continue;
      std::error_code ec2;
      if (!e.is_regular_file(ec2)) {
        // A *.hcl symlink that leads nowhere (dangling, or a loop) is a file
        // that was meant to be checked and cannot be: say so, do not skip it.
        std::error_code ec3;
        if (e.is_symlink(ec3) && ec2 && !excluded(e.path().string(), excludes)) {
          broken.emplace_back(e.path().string(), fmt::format("cannot open '{}': {} (a symbolic link to '{}')",
                                                              e.path().string(), ec2.message(),
                                                              fs::read_symlink(e.path(), ec3).string()));
        }
        continue;
      }
      const std::string p = e.path().string();
      if (excluded(p, excludes)) continue;
      found.push_back(p);
    }
    std::sort(broken.begin(), broken.end());
    for (auto& [path, message] : broken) io_error(sink, std::move(message));
    std::sort(found.begin(), found.end());
    for (std::string& p : found) out.push_back({std::move(p), false});
  }
  return out;
}

std::optional<FileId> read(SourceManager& sm, const Input& in, diag::Sink& sink, std::size_t max_bytes) {
  std::string data;
  if (in.from_stdin) {
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
      data.append(buf, n);
      if (data.size() > max_bytes) {
        io_error(sink, fmt::format("standard input is larger than {} MiB", max_bytes >> 20),
                 "entryc limits the size of one input; see docs/limits.md.");
        return std::nullopt;
      }
    }
    last() = {in.name, data.size()};
    return sm.add(in.name, std::move(data));
  }
  struct stat st {};
  if (::stat(in.name.c_str(), &st) != 0) {
    io_error(sink, fmt::format("cannot open '{}': {}", in.name, std::strerror(errno)));
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    io_error(sink, fmt::format("'{}' is a directory", in.name), "Pass a file, or a directory to a command that walks directories.");
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    io_error(sink, fmt::format("'{}' is not a regular file", in.name),
             "entryc reads regular files and standard input ('-'), not devices, sockets or FIFOs.");
    return std::nullopt;
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    io_error(sink, fmt::format("'{}' is larger than {} MiB", in.name, max_bytes >> 20),
             "entryc limits the size of one input; see docs/limits.md.");
    return std::nullopt;
  }
  std::FILE* f = std::fopen(in.name.c_str(), "rb");
  if (!f) {
    io_error(sink, fmt::format("cannot open '{}': {}", in.name, std::strerror(errno)));
    return std::nullopt;
  }
  data.resize(static_cast<std::size_t>(st.st_size));
  const std::size_t got = data.empty() ? 0 : std::fread(data.data(), 1, data.size(), f);
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) {
    io_error(sink, fmt::format("cannot read '{}': {}", in.name, std::strerror(errno)));
    return std::nullopt;
  }
  data.resize(got);
  last() = {in.name, data.size()};
  return sm.add(in.name, std::move(data));
}

const LastInput& last_input() { return last(); }

}  // namespace entryc::load
