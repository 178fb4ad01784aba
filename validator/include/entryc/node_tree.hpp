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

#include <deque>
#include <string>
#include <vector>

#include "entryc/generic.hpp"
#include "entryc/plugin_abi.h"
#include "entryc/plugin_host.hpp"

namespace entryc::plugins {

class NodeTree {
 public:
  // False (and an empty tree) when the document has a value JSON cannot
  // carry (a float that is not finite): then hand plugins its JSON text.
  bool build(const generic::Node* root);
  const entryc_node* root() const { return nodes_.empty() ? nullptr : &nodes_[0]; }

 private:
  bool fill(const generic::Node* n, entryc_node& out);
  std::string_view keep(std::string s);

  std::vector<entryc_node> nodes_;  // containers' elements are contiguous
  std::vector<entryc_str> keys_;
  std::size_t next_node_ = 0, next_key_ = 0;
  std::deque<std::string> strings_;  // made here: numbers' text, repaired UTF-8
};

// The JSON text of a tree (for plugins older than ABI 3).
std::string node_json(const entryc_node& n);

// What to hand Host::check for a generic tree: the tree built in `tree`, or,
// when it has a value only text can carry, its JSON text written to `text`.
Host::Document document_of(const generic::Node* root, NodeTree& tree, std::string& text);

}  // namespace entryc::plugins
