// One hashable key for a tuple of names (a consumer's peer, partition and
// sameness group; a source's name, peer, ...), for rules that find repeats in
// one pass instead of comparing every item with every earlier one.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

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

}  // namespace identity
