#include "store.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace entryc::runtime {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what) { throw Error(what); }

std::string errno_text() { return std::strerror(errno); }

std::string read_file(const std::string& path, bool& exists) {
  struct stat st {};
  exists = ::stat(path.c_str(), &st) == 0;
  if (!exists) return {};
  // A FIFO would block the read forever, a directory reads as nothing.
  if (!S_ISREG(st.st_mode)) fail(fmt::format("'{}' is not a regular file", path));
  std::ifstream f(path, std::ios::binary);
  if (!f) fail(fmt::format("cannot open '{}': {}", path, errno_text()));
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) fail(fmt::format("cannot read '{}'", path));
  return ss.str();
}

void write_all(int fd, const std::string& data, const std::string& path) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(fmt::format("cannot write '{}': {}", path, errno_text()));
    }
    off += static_cast<std::size_t>(n);
  }
}

void fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Why a state document could not be read, and where (1-based, in bytes).
struct JsonError {
  std::size_t line = 1, column = 1;
  std::string reason;
};

// The line and column of byte `offset` of `text`.
JsonError at(const std::string& text, std::size_t offset, std::string reason) {
  offset = std::min(offset, text.size());
  JsonError e{1, 1, std::move(reason)};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++e.line;
      e.column = 1;
    } else {
      ++e.column;
    }
  }
  return e;
}

// The same limit as for every other input (docs/limits.md): deeper JSON is
// refused before it is parsed, so that nothing recurses over it.
constexpr std::size_t kMaxDepth = 1000;

// The offset of the bracket that nests deeper than kMaxDepth, or npos.
std::size_t too_deep(const std::string& text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return std::string::npos;
}

// Parses one JSON document of a state file; on failure, `error` says where
// and why.
Json parse_json(const std::string& text, JsonError& error) {
  if (const std::size_t deep = too_deep(text); deep != std::string::npos) {
    error = at(text, deep, fmt::format("nesting deeper than {} levels", kMaxDepth));
    return Json(Json::value_t::discarded);
  }
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      error = {1, 1, "the file is empty"};
      return Json(Json::value_t::discarded);
    }
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    std::string why = e.what();
    const std::size_t colon = why.find(": ");
    if (colon != std::string::npos) why = why.substr(colon + 2);
    if (const std::size_t echo = why.find("; last read: "); echo != std::string::npos) why.resize(echo);
    error = at(text, e.byte > 0 ? e.byte - 1 : 0, std::move(why));
    return Json(Json::value_t::discarded);
  } catch (const Json::out_of_range& e) {
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'": no
    // position of its own; point at the first occurrence of the number.
    std::string why = e.what();
    if (const std::size_t close = why.find("] "); close != std::string::npos) why.erase(0, close + 2);
    std::size_t offset = 0;
    const std::size_t q1 = why.find('\''), q2 = why.rfind('\'');
    if (q1 != std::string::npos && q2 > q1) {
      offset = text.find(why.substr(q1 + 1, q2 - q1 - 1));
      if (offset == std::string::npos) offset = 0;
    }
    error = at(text, offset, std::move(why));
    return Json(Json::value_t::discarded);
  }
}

bool pid_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

}  // namespace

Store::Store(std::string dir, bool write)
    : dir_(std::move(dir)),
      state_path_((fs::path(dir_) / "runtime.json").string()),
      journal_path_((fs::path(dir_) / "runtime.journal").string()),
      lock_path_((fs::path(dir_) / "runtime.lock").string()) {
  if (!write) return;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) fail(fmt::format("cannot create the state directory '{}': {}", dir_, ec.message()));
  ::chmod(dir_.c_str(), 0700);
  lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) fail(fmt::format("cannot open the lock file '{}': {}", lock_path_, errno_text()));
  // What the last holder wrote: its pid, to name it (or notice it died).
  char buf[64] = {};
  const ssize_t got = ::pread(lock_fd_, buf, sizeof buf - 1, 0);
  const long holder = got > 0 ? std::strtol(buf, nullptr, 10) : 0;
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (err == EWOULDBLOCK) {
      fail(fmt::format("the state in '{}' is locked by another entryc (pid {}); wait for it to finish, or stop it",
                       dir_, holder));
    }
    fail(fmt::format("cannot lock '{}': {}", lock_path_, std::strerror(err)));
  }
  if (holder > 0 && holder != static_cast<long>(::getpid()) && !pid_alive(holder)) {
    notes_.push_back(fmt::format("took over the lock left by entryc pid {}, which is no longer running", holder));
  }
  const std::string me = fmt::format("{}\n", static_cast<long>(::getpid()));
  if (::ftruncate(lock_fd_, 0) != 0 || ::pwrite(lock_fd_, me.data(), me.size(), 0) < 0) {
    fail(fmt::format("cannot write the lock file '{}': {}", lock_path_, errno_text()));
  }
}

Store::~Store() {
  if (journal_fd_ >= 0) ::close(journal_fd_);
  if (lock_fd_ >= 0) {
    if (::ftruncate(lock_fd_, 0) != 0) {
      // The pid stays behind; the next holder sees it is not running.
    }
    ::flock(lock_fd_, LOCK_UN);
    ::close(lock_fd_);
  }
}

void Store::load(World& world) {
  bool exists = false;
  const std::string text = read_file(state_path_, exists);
  if (exists) {
    JsonError why;
    const Json j = parse_json(text, why);
    if (j.is_discarded() || !j.is_object()) {
      if (!j.is_discarded()) why = {1, 1, fmt::format("a JSON {}, not an object", j.type_name())};
      fail(fmt::format("{}:{}:{}: not a runtime state file ({}); restore it from a backup or remove the state "
                       "directory to start over",
                       state_path_, why.line, why.column, why.reason));
    }
    const auto fv = j.find("format_version");
    if (fv == j.end() || !fv->is_number_integer()) {
      fail(fmt::format("'{}' has no integer format_version; this entryc reads state format_version {}", state_path_,
                       kStateFormatVersion));
    }
    const auto version = fv->get<std::int64_t>();
    if (version != kStateFormatVersion) {
      fail(fmt::format("'{}' has state format_version {}; this entryc reads version {}", state_path_, version,
                       kStateFormatVersion));
    }
    try {
      world.load_state(j);
    } catch (const Error& e) {
      fail(fmt::format("'{}': {}", state_path_, e.what()));
    }
  }
  const std::string journal = read_file(journal_path_, exists);
  if (!exists) return;
  std::size_t line_no = 0, pos = 0;
  while (pos < journal.size()) {
    ++line_no;
    const std::size_t nl = journal.find('\n', pos);
    const bool last = nl == std::string::npos || nl + 1 == journal.size();
    const std::string line = journal.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? journal.size() : nl + 1;
    JsonError why{1, 1, "not a journal record {\"seq\": N, \"put\": {...}}"};
    const Json j = parse_json(line, why);
    if (nl == std::string::npos || j.is_discarded() || !j.is_object() || !j.contains("put") ||
        !j["put"].is_object() || (j.contains("seq") && !j["seq"].is_number_integer())) {
      if (last) {
        // The process that wrote it died mid-line: that operation never counted as done.
        notes_.push_back(fmt::format("dropped an incomplete last record in '{}' (line {}): the apply that wrote it "
                                     "was interrupted before that operation finished",
                                     journal_path_, line_no));
        break;
      }
      // A line that is JSON but not a record keeps the default reason, at column 1.
      fail(fmt::format("{}:{}:{}: corrupt journal record ({}); the state cannot be trusted past it", journal_path_,
                       line_no, why.column, why.reason));
    }
    for (const auto& [key, value] : j["put"].items()) {
      try {
        world.put_resource(key, value);
      } catch (const Error& e) {
        fail(fmt::format("'{}' line {}: {}", journal_path_, line_no, e.what()));
      }
    }
    seq_ = j.value("seq", seq_);
  }
}

void Store::record(const World& world, const std::vector<std::string>& touched) {
  if (!writable()) fail("this session is read-only");
  if (touched.empty()) return;
  if (journal_fd_ < 0) {
    journal_fd_ = ::open(journal_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (journal_fd_ < 0) fail(fmt::format("cannot open '{}': {}", journal_path_, errno_text()));
  }
  Json put = Json::object();
  for (const std::string& k : touched) put[k] = world.resource(k);
  const std::string line = Json{{"seq", ++seq_}, {"put", put}}.dump() + "\n";
  write_all(journal_fd_, line, journal_path_);
  if (::fdatasync(journal_fd_) != 0) fail(fmt::format("cannot sync '{}': {}", journal_path_, errno_text()));
}

void Store::compact(const World& world) {
  if (!writable()) fail("this session is read-only");
  Json state = world.to_state();
  state["format_version"] = kStateFormatVersion;
  const std::string tmp = state_path_ + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(fmt::format("cannot write '{}': {}", tmp, errno_text()));
  try {
    write_all(fd, state.dump() + "\n", tmp);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail(fmt::format("cannot sync '{}': {}", tmp, errno_text()));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), state_path_.c_str()) != 0) {
    fail(fmt::format("cannot replace '{}': {}", state_path_, errno_text()));
  }
  fsync_dir(dir_);
  // The journal's records are all in runtime.json now; replaying them again
  // (if we die before this) would set the same values.
  if (journal_fd_ >= 0) {
    ::close(journal_fd_);
    journal_fd_ = -1;
  }
  if (::unlink(journal_path_.c_str()) == 0) fsync_dir(dir_);
  seq_ = 0;
}

}  // namespace entryc::runtime
