#include "entryc/hcl_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "entryc/go_strconv.hpp"
#include "entryc/utf8.hpp"

namespace entryc::hcl {
namespace {

constexpr std::size_t kLineWidth = 100;

bool valid_escape_letter(char c) {
  return c == 'a' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' || c == 'v' || c == '\\' || c == '"';
}

class Writer {
 public:
  Writer(const ast::Document& doc, diag::Sink& sink) : doc_(doc), sink_(sink) {}

  bool body(const ast::Value* obj, int depth, std::string& out);

 private:
  bool value_inline(const ast::Value* v, std::string& out);  // single-line form, if any
  bool value(const ast::Value* v, int depth, std::string& out);
  bool array_multiline(const ast::Value* v, int depth, std::string& out);
  bool object_inline_block(const ast::Value* v, int depth, std::string& out);
  std::string key_text(const ast::Key& k) {
    std::string s;
    if (is_identifier(k.name())) return std::string(k.name());
    quote_string(k.name(), s);
    return s;
  }
  void error(const ast::Value* v, std::string summary, std::string detail) {
    ok_ = false;
    sink_.report(diag::make(diag::Severity::error, "convert-unrepresentable", std::move(summary), doc_.range(*v),
                            std::move(detail)));
  }
  static void indent(int depth, std::string& out) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }
  static bool is_block_value(const ast::Value* v) { return v->kind == ast::Kind::object; }

  const ast::Document& doc_;
  diag::Sink& sink_;
  bool ok_ = true;
};

bool Writer::value_inline(const ast::Value* v, std::string& out) {
  switch (v->kind) {
    case ast::Kind::null: return false;
    case ast::Kind::boolean: out += v->boolean() ? "true" : "false"; return true;
    case ast::Kind::integer: {
      const std::string_view lex = doc_.lexeme(*v);
      if (v->has(ast::kFromJson) && !gostr::parse_int(lex).ok()) {
        // Beyond int64: HCL would fail to decode it; keep it a float as JSON does.
        out += gostr::format_float_g(gostr::parse_float(lex).value);
        if (out.find_first_of(".eE", out.size() - 1) == std::string::npos) out += ".0";
        return true;
      }
      out += lex;
      return true;
    }
    case ast::Kind::floating: out += doc_.lexeme(*v); return true;
    case ast::Kind::string: {
      std::string q;
      if (!quote_string(v->string(), q)) return false;
      out += q;
      return true;
    }
    case ast::Kind::array: {
      if (v->count == 0) {
        out += "[]";
        return true;
      }
      std::string s = "[";
      for (std::size_t i = 0; i < v->count; ++i) {
        const ast::Value* e = v->items()[i];
        if (e->kind == ast::Kind::object || e->kind == ast::Kind::array) return false;
        if (i) s += ", ";
        if (!value_inline(e, s)) return false;
      }
      s += "]";
      if (s.size() > kLineWidth / 2) return false;
      out += s;
      return true;
    }
    case ast::Kind::object: return false;
  }
  return false;
}

bool Writer::value(const ast::Value* v, int depth, std::string& out) {
  if (value_inline(v, out)) return true;
  switch (v->kind) {
    case ast::Kind::null:
      error(v, "null inside a list cannot be written in HCL v1", "HCL v1 has no null; remove the item.");
      return false;
    case ast::Kind::string:
      error(v, "this string cannot be written as an HCL v1 string",
            "HCL v1 copies '${...}' verbatim and cannot escape an unbalanced '${', a backslash sequence it does "
            "not know, or U+FFFD inside it.");
      return false;
    case ast::Kind::array: return array_multiline(v, depth, out);
    case ast::Kind::object: return object_inline_block(v, depth, out);
    default: return false;
  }
}

bool Writer::array_multiline(const ast::Value* v, int depth, std::string& out) {
  out += "[\n";
  for (const ast::Value* e : v->items()) {
    indent(depth + 1, out);
    if (!value(e, depth + 1, out)) return false;
    out += ",\n";
  }
  indent(depth, out);
  out += "]";
  return true;
}

bool Writer::object_inline_block(const ast::Value* v, int depth, std::string& out) {
  if (v->count == 0) {
    out += "{}";
    return true;
  }
  out += "{\n";
  if (!body(v, depth + 1, out)) return false;
  indent(depth, out);
  out += "}";
  return true;
}

bool Writer::body(const ast::Value* obj, int depth, std::string& out) {
  const auto members = obj->members();
  // JSON: the last of duplicate keys wins, as encoding/json decides.
  std::vector<const ast::Member*> order;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const ast::Member& m = members[i];
    if (obj->has(ast::kFromJson) || m.value->has(ast::kFromJson)) {
      bool later = false;
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        if (members[j].nkeys == 1 && m.nkeys == 1 && members[j].key().name() == m.key().name()) later = true;
      }
      if (later) {
        sink_.report(diag::make(diag::Severity::warning, "convert-duplicate-key",
                                fmt::format("duplicate key '{}' dropped; the last one wins", m.key().name()),
                                doc_.range(m.key()), "JSON readers keep the last of duplicate keys."));
        continue;
      }
    }
    if (m.value->kind == ast::Kind::null) {
      sink_.report(diag::make(diag::Severity::warning, "convert-null",
                              fmt::format("'{}' is null and is left out", m.key().name()), doc_.range(*m.value),
                              "HCL v1 has no null; Consul treats a null field as unset."));
      continue;
    }
    order.push_back(&m);
  }
  // Render each member's head and value, then align '=' across runs of
  // one-line attributes.
  struct Line {
    std::string key;
    std::string rest;  // " = value" or " {...}" text after the key
    bool attribute;    // aligned with neighbours
  };
  std::vector<Line> lines;
  for (const ast::Member* m : order) {
    Line l;
    std::string head;
    for (std::size_t i = 0; i < m->nkeys; ++i) {
      if (i) head += ' ';
      head += key_text(m->keys()[i]);
    }
    l.key = head;
    if (is_block_value(m->value)) {
      std::string v;
      if (!object_inline_block(m->value, depth, v)) return false;
      l.rest = " " + v;
      l.attribute = false;
    } else {
      std::string v;
      if (!value(m->value, depth, v)) return false;
      l.rest = v;
      l.attribute = v.find('\n') == std::string::npos;
      if (!l.attribute) l.rest = " = " + v;
    }
    lines.push_back(std::move(l));
  }
  for (std::size_t i = 0; i < lines.size();) {
    if (!lines[i].attribute) {
      if (i > 0) out += "\n";
      indent(depth, out);
      out += lines[i].key + lines[i].rest + "\n";
      if (i + 1 < lines.size()) out += "\n";
      ++i;
      continue;
    }
    std::size_t j = i, width = 0;
    while (j < lines.size() && lines[j].attribute) width = std::max(width, utf8::count_runes(lines[j++].key));
    for (std::size_t k = i; k < j; ++k) {
      indent(depth, out);
      out += lines[k].key;
      out.append(width - utf8::count_runes(lines[k].key), ' ');
      out += " = " + lines[k].rest + "\n";
    }
    i = j;
  }
  // Collapse the blank lines doubled around consecutive blocks.
  for (std::size_t p; (p = out.find("\n\n\n")) != std::string::npos;) out.erase(p, 1);
  return ok_;
}

}  // namespace

bool is_identifier(std::string_view key) {
  if (key.empty() || key == "true" || key == "false") return false;
  bool first = true;
  for (std::size_t i = 0; i < key.size();) {
    const utf8::Decoded d = utf8::decode(key, i);
    const char32_t c = d.rune;
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && utf8::is_letter(c));
    const bool digit = (c >= '0' && c <= '9') || (c >= 0x80 && utf8::is_digit(c));
    if (first ? !letter : !(letter || digit || c == '-' || c == '.')) return false;
    first = false;
    i += d.size;
  }
  return true;
}

bool quote_string(std::string_view s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      // Copied verbatim by HCL v1: must be balanced and scan cleanly.
      std::size_t j = i + 2;
      int braces = 1;
      for (; j < s.size() && braces > 0; ++j) {
        const char c = s[j];
        if (c == '{') ++braces;
        if (c == '}') --braces;
        if (c == '\\') {
          if (j + 1 >= s.size() || !valid_escape_letter(s[j + 1])) return false;
          ++j;
        }
        if (c == '\0') return false;
      }
      if (braces != 0) return false;
      const std::string_view inner = s.substr(i, j - i);
      if (utf8::first_invalid(inner) != std::string_view::npos) return false;
      if (inner.find("\xEF\xBF\xBD") != std::string_view::npos) return false;  // U+FFFD
      if (inner.find("\xEE\x84\xA3") != std::string_view::npos) return false;  // U+E123
      out.append(inner);
      i = j;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
          if (c < 0x20) {
            out += "\\x";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(s, i);
    if (d.rune == utf8::kRuneError && d.size == 1) {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else if (d.rune == 0xE123) {
      out += "\\ue123";
    } else {
      out.append(s.substr(i, d.size));
    }
    i += d.size;
  }
  out.push_back('"');
  return true;
}

bool write(const ast::Document& doc, std::string& out, diag::Sink& sink) {
  if (!doc.root) return false;
  Writer w(doc, sink);
  return w.body(doc.root, 0, out);
}

}  // namespace entryc::hcl
