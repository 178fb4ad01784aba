// Canonical JSON for the decode view, byte-identical to hcl1ref's encoder:
// encoding/json string escaping without HTML escaping, keys sorted bytewise.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "entryc/generic.hpp"
#include "entryc/go_strconv.hpp"
#include "entryc/utf8.hpp"

namespace entryc::generic {

void write_json_string(std::string_view s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b >= 0x20 && b != '"' && b != '\\') {
        ++i;
        continue;
      }
      out.append(s.substr(start, i - start));
      switch (b) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          out += "\\u00";
          out.push_back(hex[b >> 4]);
          out.push_back(hex[b & 0xF]);
      }
      ++i;
      start = i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(s, i);
    if (d.rune == utf8::kRuneError && d.size == 1) {
      out.append(s.substr(start, i - start));
      out += "\\ufffd";
      i += 1;
      start = i;
      continue;
    }
    if (d.rune == 0x2028 || d.rune == 0x2029) {
      out.append(s.substr(start, i - start));
      out += d.rune == 0x2028 ? "\\u2028" : "\\u2029";
      i += d.size;
      start = i;
      continue;
    }
    i += d.size;
  }
  out.append(s.substr(start));
  out.push_back('"');
}

namespace {

void newline(std::string& out, bool indent, int depth) {
  if (!indent) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void write(const Node* n, std::string& out, bool indent, int depth, KeyOrder ko) {
  if (!n) {
    out += "null";
    return;
  }
  switch (n->kind) {
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += n->num.b ? "true" : "false"; break;
    case Kind::integer: {
      char buf[32];
      const auto r = std::to_chars(buf, buf + sizeof buf, n->num.i);
      out.append(buf, r.ptr);
      break;
    }
    case Kind::floating: {
      const std::string f = gostr::format_float_json(n->num.d);
      out += f;
      // (Not a JSON number at all when not finite: "+Inf", "NaN".)
      if (std::isfinite(n->num.d) && f.find_first_of(".eE") == std::string::npos) out += ".0";
      break;
    }
    case Kind::string: write_json_string(n->str(), out); break;
    case Kind::list: {
      out.push_back('[');
      bool first = true;
      for (const Node* item : n->items()) {
        if (!first) out.push_back(',');
        first = false;
        newline(out, indent, depth + 1);
        write(item, out, indent, depth + 1, ko);
      }
      if (n->size) newline(out, indent, depth);
      out.push_back(']');
      break;
    }
    case Kind::map: {
      std::vector<const Entry*> order;
      order.reserve(n->size);
      for (const Entry& e : n->entries()) order.push_back(&e);
      if (ko == KeyOrder::sorted) {
        std::sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) { return a->key < b->key; });
      }
      out.push_back('{');
      bool first = true;
      for (const Entry* e : order) {
        if (!first) out.push_back(',');
        first = false;
        newline(out, indent, depth + 1);
        write_json_string(e->key, out);
        out.push_back(':');
        if (indent) out.push_back(' ');
        write(e->value, out, indent, depth + 1, ko);
      }
      if (n->size) newline(out, indent, depth);
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

void write_json(const Node* n, std::string& out, bool indent, KeyOrder order) {
  if (!n) {
    out += "{}";
    return;
  }
  write(n, out, indent, 0, order);
}

}  // namespace entryc::generic
