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

  void* allocate(std::size_t size, std::size_t align) {
    std::size_t p = (pos_ + align - 1) & ~(align - 1);
    if (p + size > cap_) {
      grow(size + align);
      p = (pos_ + align - 1) & ~(align - 1);
    }
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

 private:
  void grow(std::size_t at_least) {
    std::size_t n = next_chunk_ > at_least ? next_chunk_ : at_least;
    chunks_.push_back(std::unique_ptr<std::byte[]>(new std::byte[n]));  // not zeroed
    cur_ = chunks_.back().get();
    cap_ = n;
    pos_ = 0;
    reserved_ += n;
    if (next_chunk_ < (std::size_t{1} << 20)) next_chunk_ *= 2;
  }

  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte* cur_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t pos_ = 0;
  std::size_t next_chunk_;
  std::size_t reserved_ = 0;
};

}  // namespace entryc
