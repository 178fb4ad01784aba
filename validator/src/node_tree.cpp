#include "entryc/node_tree.hpp"

#include <charconv>
#include <cmath>

#include "entryc/go_strconv.hpp"
#include "entryc/utf8.hpp"
#include "entryc/value.hpp"

namespace entryc::plugins {

namespace {

using generic::Kind;

entryc_str to_str(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

std::string_view NodeTree::keep(std::string_view s) {
  char* p = chars_.take(s.size());
  std::copy(s.begin(), s.end(), p);
  return {p, s.size()};
}

entryc_str NodeTree::valid(std::string_view s) {
  if (known_valid_ || utf8::first_invalid(s) == std::string_view::npos) return to_str(s);
  return to_str(keep(utf8::sanitize(s)));
}

bool NodeTree::build(const generic::Node* root, bool valid) {
  known_valid_ = valid;
  nodes_.reset();
  keys_.reset();
  chars_.reset();
  entryc_node* r = nodes_.take(1);
  root_ = fill(root, *r) ? r : nullptr;
  return root_ != nullptr;
}

bool NodeTree::fill(const generic::Node* n, entryc_node& out) {
  if (!n) return true;  // null
  switch (n->kind) {
    case Kind::null: return true;
    case Kind::boolean:
      out.type = ENTRYC_NODE_BOOLEAN;
      out.boolean = n->num.b ? 1 : 0;
      return true;
    case Kind::integer: {
      char buf[32];
      const auto r = std::to_chars(buf, buf + sizeof buf, n->num.i);
      out.text = to_str(keep(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf))));
      if (n->num.i < 0) {
        out.type = ENTRYC_NODE_INTEGER;
        out.number.i = n->num.i;
      } else {
        out.type = ENTRYC_NODE_UNSIGNED;
        out.number.u = static_cast<std::uint64_t>(n->num.i);
      }
      return true;
    }
    case Kind::floating: {
      if (!std::isfinite(n->num.d)) return false;
      std::string f = gostr::format_float_json(n->num.d);
      if (f.find_first_of(".eE") == std::string::npos) f += ".0";
      out.type = ENTRYC_NODE_FLOAT;
      out.number.d = n->num.d;
      out.text = to_str(keep(f));
      return true;
    }
    case Kind::string: {
      const std::string_view s = n->str();
      out.type = ENTRYC_NODE_STRING;
      out.text = valid(s);
      return true;
    }
    case Kind::list: {
      entryc_node* items = nodes_.take(n->size);
      out.type = ENTRYC_NODE_ARRAY;
      out.items = items;
      out.size = n->size;
      for (std::uint32_t i = 0; i < n->size; ++i) {
        if (!fill(n->items()[i], items[i])) return false;
      }
      return true;
    }
    case Kind::map: {
      entryc_node* items = nodes_.take(n->size);
      entryc_str* keys = keys_.take(n->size);
      bool repaired = false;
      for (std::uint32_t i = 0; i < n->size; ++i) {
        const generic::Entry& e = n->entries()[i];
        keys[i] = valid(e.key);
        repaired = repaired || keys[i].ptr != e.key.data();
        if (!fill(e.value, items[i])) return false;
      }
      out.type = ENTRYC_NODE_OBJECT;
      out.items = items;
      out.keys = keys;
      // The readers (and the Consul decoder) merge repeated keys; keys
      // repaired to U+FFFD may now repeat, and merge as the text would.
      out.size = repaired ? static_cast<std::uint32_t>(sdk::merge_repeated_keys(keys, items, n->size)) : n->size;
      return true;
    }
  }
  return true;
}

namespace {
void write(const entryc_node& n, std::string& out) {
  const auto text = [](entryc_str s) { return std::string_view(s.ptr, s.len); };
  switch (n.type) {
    case ENTRYC_NODE_BOOLEAN: out += n.boolean ? "true" : "false"; return;
    case ENTRYC_NODE_INTEGER:
    case ENTRYC_NODE_UNSIGNED:
    case ENTRYC_NODE_FLOAT: out += text(n.text); return;
    case ENTRYC_NODE_STRING: generic::write_json_string(text(n.text), out); return;
    case ENTRYC_NODE_ARRAY:
    case ENTRYC_NODE_OBJECT:
      out.push_back(n.type == ENTRYC_NODE_ARRAY ? '[' : '{');
      for (std::uint32_t i = 0; i < n.size; ++i) {
        if (i) out.push_back(',');
        if (n.type == ENTRYC_NODE_OBJECT) {
          generic::write_json_string(text(n.keys[i]), out);
          out.push_back(':');
        }
        write(n.items[i], out);
      }
      out.push_back(n.type == ENTRYC_NODE_ARRAY ? ']' : '}');
      return;
    default: out += "null"; return;
  }
}
}  // namespace

std::string node_json(const entryc_node& n) {
  std::string out;
  write(n, out);
  return out;
}

Host::Document document_of(const generic::Node* root, NodeTree& tree, std::string& text, bool valid) {
  if (tree.build(root, valid)) return tree.root();
  generic::write_json(root, text, false, generic::KeyOrder::as_written);
  return text;
}

}  // namespace entryc::plugins
