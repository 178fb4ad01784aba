// Positions as HashiCorp's Go code prints them ("At 3:1: ..."), used to
// reproduce the exact error texts Consul shows.
#pragma once

#include <cstdint>
#include <string>

namespace entryc {

struct GoPos {
  std::uint32_t offset = 0;
  std::uint32_t line = 0;  // 0 = invalid (Go prints "-")
  std::uint32_t column = 0;
  bool valid() const { return line > 0; }
  std::string str() const {
    return valid() ? std::to_string(line) + ":" + std::to_string(column) : std::string("-");
  }
};

}  // namespace entryc
