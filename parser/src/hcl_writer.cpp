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
  Writer(const ast::Document& doc, diag::Sink& sink)
      : doc_(doc), sink_(sink), text_(doc.text), keep_(doc.syntax == ast::Syntax::hcl) {}

  // The members of `obj` and the comments up to `close` (the offset of its
  // '}', or the end of the file), one line each.
  bool body(const ast::Value* obj, int depth, std::uint32_t close, std::string& out);

 private:
  // One output line of a body or a multi-line list.
  struct Line {
    enum class Kind : std::uint8_t { blank, comment, item } kind;
    std::string key;    // item: its head (empty in a list); comment: the text
    std::string rest;   // item: the value (attribute), " {...}" (block) or the list element
    std::string trail;  // comments after it on its line
    bool align = false;  // a one-line attribute: '=' aligned with its neighbours
  };
  using Range = std::pair<std::uint32_t, std::uint32_t>;

  bool value_inline(const ast::Value* v, std::string& out);  // single-line form, if any
  bool value(const ast::Value* v, int depth, std::string& out);
  bool array_multiline(const ast::Value* v, int depth, std::string& out);
  bool object_inline_block(const ast::Value* v, int depth, std::string& out);
  std::string key_text(const ast::Key& k) {
    if (keep_) return std::string(doc_.raw(k));
    std::string s;
    if (is_identifier(k.name())) return std::string(k.name());
    quote_string(k.name(), s);
    return s;
  }
  std::vector<const ast::Member*> members(const ast::Value* obj);

  // Comments (HCL only, in file order) are handed out once, as the walk
  // passes them: the ones before an offset, and the ones after an item on
  // its line.
  bool comment_before(std::uint32_t pos) const {
    return next_comment_ < doc_.comments.size() && doc_.comments[next_comment_].first < pos;
  }
  std::vector<Range> take_before(std::uint32_t pos) {
    std::vector<Range> r;
    while (comment_before(pos)) r.push_back(doc_.comments[next_comment_++]);
    return r;
  }
  // Comments after `end` on its line; `end` moves past them.
  std::string take_on_line(std::uint32_t& end) {
    std::string s;
    if (end > 0 && text_[end - 1] == '\n') return s;  // after a heredoc
    while (next_comment_ < doc_.comments.size()) {
      const Range c = doc_.comments[next_comment_];
      if (c.first < end || text_.substr(end, c.first - end).find_first_not_of(" \t,") != std::string_view::npos) break;
      s += ' ';
      s += comment_text(c);
      end = c.second;
      ++next_comment_;
    }
    return s;
  }
  std::string_view comment_text(Range c) const {
    std::string_view t = text_.substr(c.first, c.second - c.first);
    if (!t.starts_with("/*")) t = t.substr(0, t.find_last_not_of(" \t\r") + 1);
    return t;
  }
  // The user left an empty line between two things (kept, HCL only).
  bool blank_between(std::uint32_t a, std::uint32_t b) const {
    if (!keep_ || b <= a) return false;
    const std::string_view gap = text_.substr(a, b - a);
    const std::size_t nl = gap.find('\n');
    return nl != std::string_view::npos && gap.find('\n', nl + 1) != std::string_view::npos;
  }
  // Adds the lead comments, blank lines and the item itself to `lines`.
  void push_item(std::vector<Line>& lines, std::uint32_t& prev, const std::vector<Range>& lead, std::uint32_t begin,
                 std::uint32_t end, Line item) {
    for (const Range& c : lead) {
      if (blank_between(prev, c.first)) lines.push_back({Line::Kind::blank, {}, {}, {}});
      lines.push_back({Line::Kind::comment, std::string(comment_text(c)), {}, {}});
      prev = c.second;
    }
    if (blank_between(prev, begin)) lines.push_back({Line::Kind::blank, {}, {}, {}});
    item.trail = take_on_line(end);
    prev = std::max(prev, end);
    lines.push_back(std::move(item));
  }
  void push_closing(std::vector<Line>& lines, std::uint32_t prev, std::uint32_t close) {
    push_item(lines, prev, take_before(close), close, close, {Line::Kind::blank, {}, {}, {}});
  }
  void render(std::vector<Line>& lines, int depth, std::string& out);
  // Comments on the line of an opening '{' or '[' stay there.
  void open(std::uint32_t pos, char bracket, std::string& out) {
    out += bracket;
    ++pos;
    if (keep_) out += take_on_line(pos);
    out += '\n';
  }
  bool has_comments(const ast::Value* v) const { return comment_before(v->end); }

  void error(const ast::Value* v, std::string summary, std::string detail) {
    ok_ = false;
    sink_.report(diag::make(diag::Severity::error, "convert-unrepresentable", std::move(summary), doc_.range(*v),
                            std::move(detail)));
  }
  static void indent(int depth, std::string& out) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }
  static bool is_block_value(const ast::Value* v) { return v->kind == ast::Kind::object; }

  const ast::Document& doc_;
  diag::Sink& sink_;
  std::string_view text_;
  bool keep_;  // an HCL source: keep comments, blank lines and the user's spelling of keys and scalars
  std::size_t next_comment_ = 0;
  bool ok_ = true;
};

bool Writer::value_inline(const ast::Value* v, std::string& out) {
  if (keep_ && v->kind != ast::Kind::array && v->kind != ast::Kind::object) {
    if (v->has(ast::kHeredoc)) return false;
    out += doc_.lexeme(*v);
    return true;
  }
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
      if (has_comments(v)) return false;
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
      if (s.size() > kLineWidth / 2 || s.find('\n') != std::string::npos) return false;
      out += s;
      return true;
    }
    case ast::Kind::object: return false;
  }
  return false;
}

bool Writer::value(const ast::Value* v, int depth, std::string& out) {
  if (value_inline(v, out)) return true;
  if (v->has(ast::kHeredoc) && keep_) {
    out += doc_.lexeme(*v);  // verbatim, up to and including the newline after its anchor
    return true;
  }
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
  open(v->begin, '[', out);
  std::vector<Line> lines;
  std::uint32_t prev = v->begin + 1;
  for (std::size_t i = 0; i < v->count; ++i) {
    const ast::Value* e = v->items()[i];
    const std::vector<Range> lead = keep_ ? take_before(e->begin) : std::vector<Range>{};
    Line l{Line::Kind::item, {}, {}, {}};
    if (!value(e, depth + 1, l.rest)) return false;
    // A heredoc ends with its anchor line: a comma must go on the next one.
    if (l.rest.back() == '\n') {
      if (i + 1 < v->count) indent(depth + 1, l.rest);
      if (i + 1 < v->count) l.rest += ',';
    } else {
      l.rest += ',';
    }
    push_item(lines, prev, lead, e->begin, e->end, std::move(l));
  }
  if (keep_) push_closing(lines, prev, v->end - 1);
  render(lines, depth + 1, out);
  indent(depth, out);
  out += "]";
  return true;
}

bool Writer::object_inline_block(const ast::Value* v, int depth, std::string& out) {
  if (v->count == 0 && !has_comments(v)) {
    out += "{}";
    return true;
  }
  open(v->begin, '{', out);
  if (!body(v, depth + 1, v->end - 1, out)) return false;
  indent(depth, out);
  out += "}";
  return true;
}

std::vector<const ast::Member*> Writer::members(const ast::Value* obj) {
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
  return order;
}

bool Writer::body(const ast::Value* obj, int depth, std::uint32_t close, std::string& out) {
  std::vector<Line> lines;
  std::uint32_t prev = obj->has(ast::kFileRoot) ? 0 : obj->begin + 1;
  bool prev_block = false;
  for (const ast::Member* m : members(obj)) {
    // Comments before the member, and those between its keys, lead it.
    const std::vector<Range> lead = keep_ ? take_before(m->value->begin) : std::vector<Range>{};
    Line l{Line::Kind::item, {}, {}, {}};
    for (std::size_t i = 0; i < m->nkeys; ++i) {
      if (i) l.key += ' ';
      l.key += key_text(m->keys()[i]);
    }
    if (is_block_value(m->value)) {
      l.rest.push_back(' ');
      if (!object_inline_block(m->value, depth, l.rest)) return false;
    } else {
      if (!value(m->value, depth, l.rest)) return false;
      l.align = l.rest.find('\n') == std::string::npos;
      if (!l.align) l.rest = " = " + l.rest;
    }
    // Blocks and multi-line values are set apart by empty lines.
    const bool block = !l.align;
    if (!lines.empty() && (block || prev_block)) lines.push_back({Line::Kind::blank, {}, {}, {}});
    prev_block = block;
    push_item(lines, prev, lead, m->begin(), m->end(), std::move(l));
  }
  if (keep_) push_closing(lines, prev, close);
  render(lines, depth, out);
  return ok_;
}

void Writer::render(std::vector<Line>& lines, int depth, std::string& out) {
  // No empty line first, last or twice.
  std::vector<Line*> shown;
  for (Line& l : lines) {
    if (l.kind == Line::Kind::blank && (shown.empty() || shown.back()->kind == Line::Kind::blank)) continue;
    shown.push_back(&l);
  }
  while (!shown.empty() && shown.back()->kind == Line::Kind::blank) shown.pop_back();
  std::size_t width = 0;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    Line& l = *shown[i];
    if (l.kind == Line::Kind::blank) {
      out += '\n';
      width = 0;
      continue;
    }
    indent(depth, out);
    if (l.kind == Line::Kind::comment) {
      out += l.key;
      out += '\n';
      continue;
    }
    if (l.align) {
      // '=' lines up within a run of one-line attributes; comment lines do not end a run.
      if (width == 0) {
        width = 0;
        for (std::size_t j = i; j < shown.size() && shown[j]->kind != Line::Kind::blank; ++j) {
          if (shown[j]->kind == Line::Kind::item && !shown[j]->align) break;
          if (shown[j]->align) width = std::max(width, utf8::count_runes(shown[j]->key));
        }
      }
      out += l.key;
      out.append(width - utf8::count_runes(l.key), ' ');
      out += " = ";
    } else {
      width = 0;
      out += l.key;
    }
    out += l.rest;
    out += l.trail;
    if (out.back() != '\n') out += '\n';
  }
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
  return w.body(doc.root, 0, static_cast<std::uint32_t>(doc.text.size()), out);
}

}  // namespace entryc::hcl
