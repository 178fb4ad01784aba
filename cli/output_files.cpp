#include "output_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace entryc::cli {
namespace fs = std::filesystem;
namespace {

bool safe(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t from = 0;
  while (from <= path.size()) {
    const std::size_t slash = path.find('/', from);
    const std::string seg = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    if (seg.empty() || seg == "." || seg == "..") return false;
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  return true;
}

std::string write_one(const fs::path& p, const OutputFile& f) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << f.text;
  out.close();
  if (!out) return "cannot write '" + p.string() + "'";
  std::error_code ec;
  const fs::perms mode = f.executable ? fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                            fs::perms::others_read | fs::perms::others_exec
                                      : fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                            fs::perms::others_read;
  fs::permissions(p, mode, ec);
  if (ec) return "cannot set the mode of '" + p.string() + "': " + ec.message();
  return {};
}

}  // namespace

std::string write_files(const std::vector<OutputFile>& files, const std::optional<std::string>& out, std::string& wrote) {
  for (const OutputFile& f : files) {
    if (!safe(f.path)) return "the backend named an unsafe output path '" + f.path + "'";
  }
  if (!out) {
    if (files.size() != 1) {
      return "this format writes " + std::to_string(files.size()) + " files (a script and the files it reads): give -o DIR";
    }
    std::fwrite(files[0].text.data(), 1, files[0].text.size(), stdout);
    std::fflush(stdout);
    wrote = "stdout";
    return {};
  }
  std::error_code ec;
  const bool dir = files.size() != 1 || fs::is_directory(*out, ec) || (!out->empty() && out->back() == '/');
  if (!dir) {
    wrote = *out;
    return write_one(*out, files[0]);
  }
  fs::create_directories(*out, ec);
  if (ec) return "cannot create the directory '" + *out + "': " + ec.message();
  for (const OutputFile& f : files) {
    const fs::path p = fs::path(*out) / f.path;
    fs::create_directories(p.parent_path(), ec);
    if (ec) return "cannot create the directory '" + p.parent_path().string() + "': " + ec.message();
    if (std::string e = write_one(p, f); !e.empty()) return e;
  }
  wrote = out->back() == '/' ? *out : *out + "/";
  return {};
}

}  // namespace entryc::cli
