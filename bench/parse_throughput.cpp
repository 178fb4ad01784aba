// Parse throughput over a corpus, measured like `hcl1ref bench`: all files
// are read into memory first, one untimed warm-up pass, then N timed passes.
// Modes: parse (syntax tree only) and decode (syntax tree + decode view, the
// default; what entryc needs before any rule runs).
//
//   entryc-bench-parse [--mode parse|decode] [--consul] [-n N] FILE...
//
// Prints files/s and MB/s (MB = 10^6 bytes) for the mean over all passes
// and the best pass, plus peak memory, as one JSON object per line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entryc/arena.hpp"
#include "entryc/document.hpp"

namespace {

// VmRSS (current) or VmHWM (peak) of this process in KiB. getrusage's
// ru_maxrss is no good here: it is inherited from the parent across exec.
long proc_status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string want = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(want, 0) == 0) return std::atol(line.c_str() + want.size());
  }
  return 0;
}

class NullSink final : public entryc::diag::Sink {
 public:
  void report(entryc::diag::Diagnostic) override {}
};

}  // namespace

int main(int argc, char** argv) {
  entryc::keep_freed_memory();  // as entryc itself does
  int passes = 5;
  bool decode = true;
  entryc::Reader reader = entryc::Reader::hcl;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-n" && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else if (a == "--mode" && i + 1 < argc) decode = std::string(argv[++i]) != "parse";
    else if (a == "--consul") reader = entryc::Reader::consul;
    else paths.push_back(a);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: entryc-bench-parse [--mode parse|decode] [--consul] [-n N] FILE...\n");
    return 2;
  }
  const long rss_start = proc_status_kib("VmRSS");
  entryc::SourceManager sm;
  std::vector<entryc::FileId> ids;
  std::size_t total = 0;
  for (const std::string& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    total += ss.str().size();
    ids.push_back(sm.add(p, ss.str()));
  }
  const long rss_loaded = proc_status_kib("VmRSS");
  entryc::ReadOptions opts;
  opts.reader = reader;
  opts.decode = decode;
  NullSink sink;
  std::size_t failures = 0, max_arena = 0, max_arena_file = 1, sum_arena = 0;
  for (entryc::FileId id : ids) {  // warm-up; counts failures
    entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, opts);
    if (!pd.accepted()) ++failures;
    const std::size_t arena = pd.doc.arena->bytes_used() + (pd.tree.arena ? pd.tree.arena->bytes_used() : 0);
    const std::size_t size = sm.file(id).text().size();
    sum_arena += arena;
    if (size > 0 && arena * max_arena_file > max_arena * size) {
      max_arena = arena;
      max_arena_file = size;
    }
  }
  using clock = std::chrono::steady_clock;
  double best = 1e100;
  const auto start = clock::now();
  for (int pass = 0; pass < passes; ++pass) {
    const auto t0 = clock::now();
    for (entryc::FileId id : ids) {
      entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, opts);
      if (pd.doc.root == nullptr) std::fputs("", stderr);
    }
    best = std::min(best, std::chrono::duration<double>(clock::now() - t0).count());
  }
  const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  const long rss_peak = proc_status_kib("VmHWM");
  const double nf = static_cast<double>(ids.size()) * passes;
  const double mb = static_cast<double>(total) * passes / 1e6;
  std::printf(
      "{\"tool\":\"entryc\",\"mode\":\"%s%s\",\"files\":%zu,\"failed\":%zu,\"bytes\":%zu,\"passes\":%d,"
      "\"files_per_s\":%.0f,\"mb_per_s\":%.2f,\"best_files_per_s\":%.0f,\"best_mb_per_s\":%.2f,"
      "\"rss_start_kib\":%ld,\"rss_loaded_kib\":%ld,\"rss_peak_kib\":%ld,"
      "\"peak_over_input\":%.2f,\"worst_file_arena_over_size\":%.2f,\"all_files_arena_over_size\":%.2f}\n",
      decode ? "parse+decode" : "parse", reader == entryc::Reader::consul ? ",consul" : "", ids.size(), failures,
      total, passes, nf / elapsed, mb / elapsed, static_cast<double>(ids.size()) / best,
      static_cast<double>(total) / 1e6 / best, rss_start, rss_loaded, rss_peak,
      static_cast<double>(rss_peak - rss_start) * 1024.0 / static_cast<double>(std::max<std::size_t>(total, 1)),
      static_cast<double>(max_arena) / static_cast<double>(max_arena_file),
      static_cast<double>(sum_arena) / static_cast<double>(std::max<std::size_t>(total, 1)));
  return 0;
}
