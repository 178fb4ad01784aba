// A bump allocator: one per parsed document; everything it hands out dies
// with it. Objects placed in it must be trivially destructible.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace entryc {

class Arena {
 public:
  explicit Arena(std::size_t first_chunk = 4096) : next_chunk_(first_chunk) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;
  // Chunks go back to a small per-thread pool: parsing thousands of files
  // then reuses warm memory instead of mapping and faulting in fresh pages.
  ~Arena() { release(); }

  [[gnu::always_inline]] void* allocate(std::size_t size, std::size_t align) {
    std::size_t p = (pos_ + align - 1) & ~(align - 1);
    if (p + size > cap_) [[unlikely]] return allocate_slow(size, align);
    pos_ = p + size;
    return cur_ + p;
  }

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  template <typename T>
  std::span<T> copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    T* p = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    std::memcpy(static_cast<void*>(p), items.data(), sizeof(T) * items.size());
    return {p, items.size()};
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  std::size_t bytes_reserved() const { return reserved_; }
  // Bytes handed out so far (alignment padding and chunk tails excluded).
  std::size_t bytes_used() const { return used_before_ + pos_; }

 private:
  [[gnu::noinline]] void* allocate_slow(std::size_t size, std::size_t align) {
    grow(size + align);
    const std::size_t p = (pos_ + align - 1) & ~(align - 1);
    pos_ = p + size;
    return cur_ + p;
  }
  struct Chunk {
    std::unique_ptr<std::byte[]> mem;
    std::size_t size;
  };
  struct Pool {
    std::vector<Chunk> free;
    std::size_t bytes = 0;
  };
  static constexpr std::size_t kPoolBytes = std::size_t{16} << 20;
  static Pool& pool() {
    thread_local Pool p;
    return p;
  }

  void grow(std::size_t at_least) {
    std::size_t n = next_chunk_ > at_least ? next_chunk_ : at_least;
    Chunk c;
    Pool& p = pool();
    for (std::size_t i = 0; i < p.free.size(); ++i) {
      if (p.free[i].size >= n) {
        c = std::move(p.free[i]);
        p.bytes -= c.size;
        p.free[i] = std::move(p.free.back());
        p.free.pop_back();
        break;
      }
    }
    if (!c.mem) c = Chunk{std::unique_ptr<std::byte[]>(new std::byte[n]), n};  // not zeroed
    used_before_ += pos_;
    cur_ = c.mem.get();
    cap_ = c.size;
    pos_ = 0;
    reserved_ += c.size;
    chunks_.push_back(std::move(c));
    if (next_chunk_ < (std::size_t{1} << 20)) next_chunk_ *= 2;
  }

  void release() {
    Pool& p = pool();
    for (Chunk& c : chunks_) {
      if (p.bytes + c.size > kPoolBytes || p.free.size() >= 64) break;
      p.bytes += c.size;
      p.free.push_back(std::move(c));
    }
    chunks_.clear();
  }

  std::vector<Chunk> chunks_;
  std::byte* cur_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t pos_ = 0;
  std::size_t next_chunk_;
  std::size_t reserved_ = 0;
  std::size_t used_before_ = 0;
};

// For a process that reads many files one after another (entryc, its
// benchmarks): keeps the memory freed between files for the next one instead
// of handing it back to the kernel and faulting fresh pages in again (glibc
// trims the heap top beyond 128 KB and maps blocks beyond 128 KB on their
// own). Call once, at start; it keeps at most some tens of MB for reuse.
void keep_freed_memory();

}  // namespace entryc
