// Shared by the HCL and HCL-JSON parsers: the keys of one item nest. `a "b"
// "c" { }` (or `"a" "b" "c": {}`) decodes as {"a": {"b": {"c": {}}}}, so every
// key after the first is one more level toward the parser's nesting limit.
#pragma once
#include <cstddef>
#include <cstdint>

namespace entryc::parse_detail {

// Adds an item's extra key levels to the parser's depth for as long as its
// value is being parsed.
class KeyDepth {
 public:
  KeyDepth(std::uint32_t& depth, std::size_t nkeys, bool has_value)
      : depth_(depth), extra_(has_value && nkeys > 1 ? static_cast<std::uint32_t>(nkeys - 1) : 0u) {}
  KeyDepth(const KeyDepth&) = delete;
  KeyDepth& operator=(const KeyDepth&) = delete;
  ~KeyDepth() { depth_ -= entered_; }

  // Enters the levels; false (nothing entered) when they would pass `max`.
  bool enter(std::uint32_t max) {
    if (depth_ + extra_ > max) return false;
    depth_ += extra_;
    entered_ = extra_;
    return true;
  }
  // Which of the item's keys (0: the first) is the first past `max`.
  std::size_t first_over(std::uint32_t max) const { return max - depth_ + 1; }

 private:
  std::uint32_t& depth_;
  std::uint32_t extra_;
  std::uint32_t entered_ = 0;
};

}  // namespace entryc::parse_detail
