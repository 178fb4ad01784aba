// Finding repeats of a tuple of names (a consumer's peer, partition and
// sameness group; a source's name, peer, ...) in one pass instead of
// comparing every item with every earlier one: FirstSeen, and key(), one
// hashable string for such a tuple.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace identity {

// Length-prefixed, so that names holding any character cannot run together.
inline std::string key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (const std::string_view p : parts) {
    key += std::to_string(p.size());
    key.push_back(':');
    key += p;
  }
  return key;
}

// The first item of each identity (N parts), among items seen one by one.
// A few are compared part by part; from kSmall on they are hashed (comparing
// each with every earlier one is quadratic). The parts must outlive it.
template <std::size_t N, typename T>
class FirstSeen {
 public:
  using Parts = std::array<std::string_view, N>;
  // The first item seen with these parts; null when there is none (then
  // `item` is that first one).
  const T* add(const Parts& parts, const T& item) {
    if (hashed_.empty()) {
      for (const auto& [p, first] : small_) {
        if (p == parts) return &first;
      }
      if (small_.size() < kSmall) {
        small_.emplace_back(parts, item);
        return nullptr;
      }
      for (const auto& [p, first] : small_) hashed_.try_emplace(p, first);
    }
    const auto [at, inserted] = hashed_.try_emplace(parts, item);
    return inserted ? nullptr : &at->second;
  }
  void clear() {
    small_.clear();
    hashed_.clear();
  }

 private:
  static constexpr std::size_t kSmall = 16;
  struct Hash {
    std::size_t operator()(const Parts& parts) const {
      std::size_t h = 0;
      for (const std::string_view p : parts) h = h * 31 + std::hash<std::string_view>()(p);
      return h;
    }
  };
  std::vector<std::pair<Parts, T>> small_;
  std::unordered_map<Parts, T, Hash> hashed_;
};

}  // namespace identity
