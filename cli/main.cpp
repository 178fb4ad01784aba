#include <cstddef>
#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "driver.hpp"
#include "entryc/arena.hpp"
#include "entryc/load.hpp"
#include "exit_codes.hpp"

namespace {

// Memory held back for unwinding after an allocation fails: destructors may
// allocate (nlohmann::json flattens a large value onto a heap stack before
// freeing it), and an exception thrown while unwinding is std::terminate.
// The first failure releases the reserve and throws std::bad_alloc, so the
// unwinding that follows has room. Untouched, the reserve costs address space
// only.
constexpr std::size_t kReserveBytes = std::size_t{64} << 20;
char* g_reserve = nullptr;

void out_of_memory() {
  if (g_reserve) {
    delete[] g_reserve;
    g_reserve = nullptr;
  }
  std::set_new_handler(nullptr);
  throw std::bad_alloc();
}

// The input being processed when things went wrong, as far as we know.
std::string last_input() {
  const entryc::load::LastInput& in = entryc::load::last_input();
  if (in.name.empty()) return {};
  return " after reading '" + in.name + "' (" + std::to_string(in.bytes) + " bytes)";
}

}  // namespace

int main(int argc, char** argv) {
  // Nothing may end the process through std::terminate: running out of memory
  // (a huge input under a memory limit) or an unexpected exception is a
  // failure like an I/O error, with a message and exit status 2.
  g_reserve = new (std::nothrow) char[kReserveBytes];
  std::set_new_handler(out_of_memory);
  entryc::keep_freed_memory();
  try {
    return entryc::cli::run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr,
                 "entryc: error: out of memory%s: the input needs more memory than is available; see "
                 "docs/limits.md\n",
                 last_input().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "entryc: internal error%s: %s\n", last_input().c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "entryc: internal error%s: unknown exception\n", last_input().c_str());
  }
  return entryc::cli::kExitUsage;
}
