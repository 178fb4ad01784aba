// A document as a tree of entryc_node (plugin_abi.h), handed to rule plugins
// of ABI 3 to read in place: no JSON text written by the host and parsed
// again by every plugin.
//
// The tree is exactly what the JSON text of the same document would parse
// to in a plugin (sdk::Tree): invalid UTF-8 becomes U+FFFD, integers are
// signed when negative and unsigned otherwise, floats keep the text
// encoding/json gives them, and a repeated key keeps its first position and
// takes the last value.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "entryc/generic.hpp"
#include "entryc/plugin_abi.h"
#include "entryc/plugin_host.hpp"

namespace entryc::plugins {

class NodeTree {
 public:
  // Builds the tree of `root` (the previous one is gone). False (and no tree) when the document has a value JSON cannot
  // carry (a float that is not finite): then hand plugins its JSON text.
  // `valid`: every string of the tree is known to be valid UTF-8
  // (utf8::strings_valid of its source), so none is checked.
  bool build(const generic::Node* root, bool valid = false);
  const entryc_node* root() const { return root_; }

 private:
  bool fill(const generic::Node* n, entryc_node& out);
  std::string_view keep(std::string_view s);  // a copy that lives as long as the tree
  entryc_str valid(std::string_view s);       // s, or a copy with invalid UTF-8 repaired

  // Zeroed arrays from blocks that stay put (containers' elements are
  // contiguous); reused by the next build.
  template <typename T>
  class Blocks {
   public:
    T* take(std::size_t n) {
      if (blocks_.empty() || n > cap_ - used_) {
        total_ += cap_;
        cap_ = std::max<std::size_t>(n, 256);
        used_ = 0;
        blocks_.push_back(std::make_unique_for_overwrite<T[]>(cap_));
      }
      T* p = blocks_.back().get() + used_;
      std::fill_n(p, n, T{});
      used_ += n;
      return p;
    }
    // Everything taken is given back; the next build fits in one block.
    void reset() {
      if (blocks_.size() > 1) {
        cap_ += total_;
        blocks_.clear();
        blocks_.push_back(std::make_unique_for_overwrite<T[]>(cap_));
      }
      used_ = total_ = 0;
    }

   private:
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t cap_ = 0, used_ = 0, total_ = 0;  // total_: of the blocks before the last
  };

  const entryc_node* root_ = nullptr;
  bool known_valid_ = false;
  Blocks<entryc_node> nodes_;
  Blocks<entryc_str> keys_;
  Blocks<char> chars_;  // text made here: numbers', repaired UTF-8
};

// The JSON text of a tree (for plugins older than ABI 3).
std::string node_json(const entryc_node& n);

// What to hand Host::check for a generic tree: the tree built in `tree`, or,
// when it has a value only text can carry, its JSON text written to `text`.
Host::Document document_of(const generic::Node* root, NodeTree& tree, std::string& text, bool valid = false);

}  // namespace entryc::plugins
