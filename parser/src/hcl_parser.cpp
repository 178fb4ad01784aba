// A faithful port of hashicorp/hcl v1's HCL parser (hcl/parser/parser.go,
// v1.0.0) that builds our AST. It stops where HashiCorp's parser stops, so
// `reference_error` is exactly what hcl.Parse returns, then recovers at the
// next top-level item to report later, independent errors as well.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "entryc/hcl.hpp"
#include "entryc/utf8.hpp"
#include "hcl_scanner.hpp"
#include "key_depth.hpp"

namespace entryc::hcl {
namespace {

using diag::Diagnostic;
using diag::Severity;

std::string fold_crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out.push_back(s[i]);
  }
  return out;
}

// A parse error: HashiCorp's text plus our own diagnostic.
struct Error {
  bool eof = false;  // HashiCorp's errEofToken sentinel
  GoPos pos;
  bool positioned = true;
  std::string msg;  // HashiCorp's message without "At <pos>: "
  // ours
  std::string code = "core-syntax";
  std::string summary;
  std::string detail;
  std::uint32_t begin = 0, end = 0;
  bool suppressed = false;  // the token already has a scanner diagnostic
  std::vector<diag::Note> notes;

  std::string go_text() const { return positioned ? "At " + pos.str() + ": " + msg : msg; }
};

// Parse functions return nullptr on success; errors are rare, so they live
// on the heap and the success path stays small.
using Err = std::unique_ptr<Error>;

Err eof_error() {
  Err e = std::make_unique<Error>();
  e->eof = true;
  return e;
}

struct Tk : Token {
  bool first_on_line = false;
  std::uint32_t depth = 0;  // lexical nesting depth before this token
};

class Parser {
 public:
  Parser(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts, ast::Document& doc)
      : file_(file), text_(text), sink_(sink), opts_(opts), doc_(doc), arena_(*doc.arena), sc_(text) {}

  std::string run();

 private:
  // --- token stream (Parser.scan / unscan) ---
  // The token is written in place into tok_; the reference stays valid
  // until the next scan().
  const Tk& scan() {
    if (n_ != 0) {
      n_ = 0;
      return tok_;
    }
    for (;;) {
      sc_.scan(tok_);
      tok_.first_on_line = tok_.pos.line != last_line_;
      last_line_ = tok_.pos.line;
      tok_.depth = lex_depth_;
      if (tok_.type == Tok::lbrace || tok_.type == Tok::lbrack) ++lex_depth_;
      if ((tok_.type == Tok::rbrace || tok_.type == Tok::rbrack) && lex_depth_ > 0) --lex_depth_;
      if (tok_.type != Tok::comment) return tok_;
      doc_.comments.emplace_back(tok_.begin, tok_.end);
    }
  }
  void unscan() { n_ = 1; }

  // --- grammar (each mirrors the Go function of the same name) ---
  Err object_list(bool obj, std::size_t& mark);
  Err object_item(bool& produced, bool top);
  Err object_key(std::size_t& nkeys);
  Err object(ast::Value*& out);
  Err object_type(ast::Value*& out);
  Err list_type(ast::Value*& out);
  ast::Value* literal_type();

  // --- helpers ---
  Err pos_error(const Token& at, std::string go_msg, std::string summary, std::string detail = {}) {
    Err e = std::make_unique<Error>();
    e->pos = at.pos;
    e->msg = std::move(go_msg);
    e->summary = std::move(summary);
    e->detail = std::move(detail);
    e->begin = at.begin;
    e->end = std::max(at.end, at.begin + (at.type == Tok::eof ? 0u : 1u));
    e->suppressed = at.type == Tok::illegal;
    return e;
  }
  std::string go_token(const Token& t) const {  // fmt "%+v" of a token.Token
    return fmt::format("{} {} {}", t.pos.str(), go_name(t.type), sc_.text(t));
  }
  std::string describe(const Token& t) const;
  ast::Key make_key(const Token& t);
  std::string_view arena_string(std::string_view s) { return arena_.copy(s); }
  void report(Diagnostic d) { pending_.push_back(std::move(d)); }
  void report_error(const Error& e, Severity sev = Severity::error, const char* code = nullptr);
  bool resync(std::uint32_t error_offset);
  std::string keys_text(std::size_t from) const;
  void flush(const std::string& reference_error);

  FileId file_;
  std::string_view text_;
  diag::Sink& sink_;
  const ParseOptions& opts_;
  ast::Document& doc_;
  Arena& arena_;
  Scanner sc_;
  Tk tok_;
  int n_ = 0;
  std::uint32_t last_line_ = 0;
  std::uint32_t lex_depth_ = 0;
  std::uint32_t depth_ = 0;
  std::size_t item_scan_errors_ = 0;  // scanner errors before the current top-level item
  // Scratch stacks, reused across parses on the same thread.
  struct Scratch {
    std::vector<ast::Member> members;
    std::vector<ast::Value*> items;
    std::vector<ast::Key> keys;
    std::string str;
  };
  static Scratch& scratch() {
    thread_local Scratch s;
    return s;
  }
  Scratch& scr_ = scratch();
  std::vector<ast::Member>& members_ = scr_.members;
  std::vector<ast::Value*>& items_ = scr_.items;
  std::vector<ast::Key>& keys_ = scr_.keys;
  std::string& scratch_ = scr_.str;
  std::vector<Diagnostic> pending_;
};

std::string Parser::describe(const Token& t) const {
  const std::string text = utf8::sanitize(sc_.text(t), 24);
  switch (t.type) {
    case Tok::eof: return "end of file";
    case Tok::string: return fmt::format("string {}", text);
    case Tok::heredoc: return "a heredoc";
    case Tok::number:
    case Tok::floating: return fmt::format("number {}", text);
    default: return fmt::format("'{}'", text);
  }
}

ast::Key Parser::make_key(const Token& t) {
  ast::Key k;
  k.begin = t.begin;
  k.end = t.end;
  std::string_view raw = sc_.text(t);
  if (t.type == Tok::ident) {
    k.name_ptr = raw.data();
    k.name_len = static_cast<std::uint32_t>(raw.size());
    return k;
  }
  std::string_view inner = raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : std::string_view{};
  if (t.plain) {
    k.name_ptr = inner.data();
    k.name_len = static_cast<std::uint32_t>(inner.size());
    return k;
  }
  const std::string folded = fold_crlf(raw);
  if (!unquote(folded, scratch_)) {
    k.flags |= ast::Key::kBadString;
    scratch_.assign(inner);
  }
  const std::string_view v = arena_string(scratch_);
  k.name_ptr = v.data();
  k.name_len = static_cast<std::uint32_t>(v.size());
  return k;
}

ast::Value* Parser::literal_type() {
  const Tk& t = tok_;
  ast::Value* v = arena_.make<ast::Value>();
  v->begin = t.begin;
  v->end = t.end;
  const std::string_view raw = sc_.text(t);
  switch (t.type) {
    case Tok::number: v->kind = ast::Kind::integer; break;
    case Tok::floating: v->kind = ast::Kind::floating; break;
    case Tok::boolean:
      v->kind = ast::Kind::boolean;
      v->count = raw == "true" ? 1 : 0;
      break;
    case Tok::string: {
      v->kind = ast::Kind::string;
      const std::string_view inner = raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : std::string_view{};
      if (t.plain) {
        v->data = inner.data();
        v->count = static_cast<std::uint32_t>(inner.size());
        break;
      }
      const std::string folded = fold_crlf(raw);
      if (!unquote(folded, scratch_)) {
        v->flags |= ast::kBadString;
        scratch_.assign(inner);
      }
      const std::string_view s = arena_string(scratch_);
      v->data = s.data();
      v->count = static_cast<std::uint32_t>(s.size());
      break;
    }
    case Tok::heredoc: {
      v->kind = ast::Kind::string;
      v->flags |= ast::kHeredoc;
      const std::string s = unindent_heredoc(raw.find('\r') == std::string_view::npos ? std::string(raw)
                                                                                        : fold_crlf(raw));
      const std::string_view a = arena_string(s);
      v->data = a.data();
      v->count = static_cast<std::uint32_t>(a.size());
      break;
    }
    default: break;
  }
  return v;
}

std::string Parser::keys_text(std::size_t from) const {
  std::string s;
  for (std::size_t i = from; i < keys_.size(); ++i) {
    if (i > from) s += ' ';
    s += text_.substr(keys_[i].begin, keys_[i].end - keys_[i].begin);
  }
  return utf8::sanitize(s, 60);
}

Err Parser::object_list(bool obj, std::size_t& mark) {
  mark = members_.size();
  for (;;) {
    if (obj) {
      const Tok next = scan().type;
      unscan();
      if (next == Tok::rbrace) break;
    }
    bool produced = false;
    Err err = object_item(produced, !obj);
    if (err && err->eof) break;
    if (err) return err;
    if (scan().type != Tok::comma) unscan();
  }
  return nullptr;
}

Err Parser::object_key(std::size_t& nkeys) {
  nkeys = 0;
  const std::size_t mark = keys_.size();
  for (;;) {
    const Tk& t = scan();
    switch (t.type) {
      case Tok::eof: return eof_error();
      case Tok::assign: {
        if (nkeys > 1) {
          const ast::Key& first = keys_[mark];
          const std::string first_text(text_.substr(first.begin, first.end - first.begin));
          Err e = pos_error(t, fmt::format("nested object expected: LBRACE got: {}", go_name(tok_.type)),
                              fmt::format("unexpected '=' after block header '{}'", keys_text(mark)),
                              fmt::format("HCL reads the words before '=' as the labels of one block, which cannot be "
                                          "assigned. The usual cause is a missing '=' after '{}'.",
                                          first_text));
          e->notes.push_back({"the block header starts here", {file_, first.begin, first.end}});
          keys_.resize(mark);
          nkeys = 0;
          return e;
        }
        if (nkeys == 0) {
          return pos_error(t, "no object keys found!", "expected a key before '='");
        }
        return nullptr;
      }
      case Tok::lbrace:
        if (nkeys == 0) {
          return pos_error(t, fmt::format("expected: IDENT | STRING got: {}", go_name(tok_.type)),
                           "expected a key before '{'",
                           "A block needs a name: write 'name { ... }'. A bare '{' is only valid as a value.");
        }
        return nullptr;
      case Tok::ident:
      case Tok::string:
        ++nkeys;
        keys_.push_back(make_key(t));
        break;
      case Tok::illegal: return pos_error(t, "illegal character", "illegal character");
      default:
        if (nkeys == 0) {
          return pos_error(t, fmt::format("expected: IDENT | STRING | ASSIGN | LBRACE got: {}", go_name(t.type)),
                           fmt::format("expected a key, found {}", describe(t)));
        }
        return pos_error(t, fmt::format("expected: IDENT | STRING | ASSIGN | LBRACE got: {}", go_name(t.type)),
                         fmt::format("expected '=' or '{{' after '{}', found {}", keys_text(mark), describe(t)));
    }
  }
}

Err Parser::object_item(bool& produced, bool top) {
  produced = false;
  if (top) item_scan_errors_ = sc_.errors().size();
  const std::size_t kmark = keys_.size();
  std::size_t nkeys = 0;
  Err err = object_key(nkeys);
  if (nkeys > 0 && err && err->eof) err.reset();
  if (nkeys > 0 && err && tok_.type == Tok::rbrace) {
    err.reset();
    tok_.type = Tok::eof;  // HashiCorp's parser mutates the token here
  }
  if (err) {
    keys_.resize(kmark);
    return err;
  }
  // Labels count toward the nesting limit (key_depth.hpp).
  parse_detail::KeyDepth key_depth(depth_, nkeys, tok_.type == Tok::assign || tok_.type == Tok::lbrace);
  if (!key_depth.enter(opts_.max_depth)) {
    Err e = pos_error(tok_, fmt::format("nesting deeper than {} levels", opts_.max_depth),
                      fmt::format("nesting deeper than {} levels (labels of one block count)", opts_.max_depth),
                      "entryc refuses deeper nesting to protect its stack; see docs/limits.md.");
    e->code = "core-limit";
    const ast::Key& over = keys_[kmark + key_depth.first_over(opts_.max_depth)];
    e->begin = over.begin;
    e->end = over.end;
    keys_.resize(kmark);
    return e;
  }

  ast::Member m;
  ast::Value* val = nullptr;
  switch (tok_.type) {
    case Tok::assign: {
      const std::uint32_t assign_end = tok_.end;
      m.op = tok_.begin + 1;
      Err e = object(val);
      if (e) {
        if (e->eof && top) {
          Diagnostic d = diag::make(
              Severity::warning, "hcl-dangling-assign",
              fmt::format("'{} =' at the end of the file has no value", keys_text(kmark)),
              {file_, keys_[kmark].begin, assign_end},
              "HCL v1 silently drops an attribute whose value is missing at the end of the file, so this key is "
              "ignored. Give it a value or delete the line.");
          report(std::move(d));
        }
        keys_.resize(kmark);
        return e;
      }
      break;
    }
    case Tok::lbrace: {
      Err e = object_type(val);
      if (e) {
        keys_.resize(kmark);
        return e;
      }
      if (nkeys > 1) {
        const ast::Key& first = keys_[kmark];
        const ast::Key& last = keys_.back();
        const std::string_view between = text_.substr(first.begin, last.begin - first.begin);
        const auto extra_lines = static_cast<std::uint32_t>(std::count(between.begin(), between.end(), '\n'));
        if (extra_lines > 0) {
          const std::uint32_t l1 =
              static_cast<std::uint32_t>(std::count(text_.begin(), text_.begin() + first.begin, '\n')) + 1;
          const std::uint32_t l2 = l1 + extra_lines;
          Diagnostic d = diag::make(
              Severity::warning, "hcl-multiline-block-header",
              fmt::format("block header '{}' spans lines {} to {}", keys_text(kmark), l1, l2),
              {file_, first.begin, last.end},
              fmt::format("HCL v1 reads every word up to '{{' as labels of one block, so '{}' on line {} became a "
                          "label of '{}'. If '{}' was meant as an attribute, add '=' after it.",
                          text_.substr(last.begin, last.end - last.begin), l2,
                          text_.substr(first.begin, first.end - first.begin),
                          text_.substr(first.begin, first.end - first.begin)));
          report(std::move(d));
        }
      }
      break;
    }
    default: {
      std::string go_keys;
      for (std::size_t i = kmark; i < keys_.size(); ++i) {
        if (i > kmark) go_keys += ' ';
        go_keys += text_.substr(keys_[i].begin, keys_[i].end - keys_[i].begin);
      }
      Err e = pos_error(
          tok_, fmt::format("key '{}' expected start of object ('{{') or assignment ('=')", go_keys),
          nkeys > 1 ? fmt::format("expected '{{' after block header '{}'", keys_text(kmark))
                    : fmt::format("expected '=' or '{{' after key '{}'", keys_text(kmark)),
          "In HCL an attribute is written 'name = value' and a block 'name { ... }'.");
      if (tok_.type == Tok::eof) {
        e->begin = keys_[kmark].begin;
        e->end = keys_.back().end;
      }
      keys_.resize(kmark);
      return e;
    }
  }
  // Look-ahead for a line comment, as HashiCorp's parser does.
  scan();
  unscan();

  m.nkeys = static_cast<std::uint32_t>(keys_.size() - kmark);
  m.keys_ptr = arena_.copy(std::span<const ast::Key>(keys_.data() + kmark, m.nkeys)).data();
  keys_.resize(kmark);
  m.value = val;
  members_.push_back(m);
  produced = true;
  return nullptr;
}

Err Parser::object(ast::Value*& out) {
  const Tk& t = scan();
  switch (t.type) {
    case Tok::number:
    case Tok::floating:
    case Tok::boolean:
    case Tok::string:
    case Tok::heredoc: out = literal_type(); return nullptr;
    case Tok::lbrace: return object_type(out);
    case Tok::lbrack: return list_type(out);
    case Tok::eof: return eof_error();
    default: break;
  }
  std::string summary = fmt::format("expected a value after '=', found {}", describe(t));
  std::string detail;
  if (t.type == Tok::ident) {
    detail = fmt::format("Strings must be quoted in HCL: write \"{}\".", sc_.text(t));
  } else if (t.type == Tok::add) {
    detail = "HCL v1 numbers cannot start with '+'; drop the sign.";
  }
  return pos_error(t, "Unknown token: " + go_token(t), std::move(summary), std::move(detail));
}

Err Parser::object_type(ast::Value*& out) {
  const Tk lbrace = tok_;
  if (++depth_ > opts_.max_depth) {
    Err e = pos_error(lbrace, fmt::format("nesting deeper than {} levels", opts_.max_depth),
                      fmt::format("nesting deeper than {} levels", opts_.max_depth),
                      "entryc refuses deeper nesting to protect its stack; see docs/limits.md.");
    e->code = "core-limit";
    --depth_;
    return e;
  }
  std::size_t mark = 0;
  Err err = object_list(true, mark);
  auto finish = [&]() {
    ast::Value* v = arena_.make<ast::Value>();
    v->kind = ast::Kind::object;
    v->begin = lbrace.begin;
    const auto n = members_.size() - mark;
    v->data = arena_.copy(std::span<const ast::Member>(members_.data() + mark, n)).data();
    v->count = static_cast<std::uint32_t>(n);
    members_.resize(mark);
    return v;
  };
  if (err && tok_.type != Tok::rbrace) {
    members_.resize(mark);
    --depth_;
    return err;
  }
  if (err) {
    // HashiCorp's parser ignores an error raised at a '}' inside a block.
    report_error(*err, Severity::warning, "hcl-swallowed-error");
  }
  const Tk& t = scan();
  if (t.type != Tok::rbrace) {
    members_.resize(mark);
    --depth_;
    Err e = pos_error(t, fmt::format("object expected closing RBRACE got: {}", go_name(t.type)),
                      fmt::format("expected '}}' to close the block, found {}", describe(t)));
    e->notes.push_back({"the block opened here", {file_, lbrace.begin, lbrace.begin + 1}});
    return e;
  }
  out = finish();
  out->end = t.end;
  --depth_;
  return nullptr;
}

Err Parser::list_type(ast::Value*& out) {
  const Tk lbrack = tok_;
  if (++depth_ > opts_.max_depth) {
    Err e = pos_error(lbrack, fmt::format("nesting deeper than {} levels", opts_.max_depth),
                      fmt::format("nesting deeper than {} levels", opts_.max_depth),
                      "entryc refuses deeper nesting to protect its stack; see docs/limits.md.");
    e->code = "core-limit";
    --depth_;
    return e;
  }
  const std::size_t mark = items_.size();
  bool need_comma = false;
  auto fail = [&](Err e) {
    items_.resize(mark);
    --depth_;
    return e;
  };
  for (;;) {
    const Tk& t = scan();
    if (need_comma && t.type != Tok::comma && t.type != Tok::rbrack) {
      return fail(pos_error(t, fmt::format("error parsing list, expected comma or list end, got: {}", go_name(t.type)),
                            fmt::format("expected ',' or ']' after a list item, found {}", describe(t))));
    }
    switch (t.type) {
      case Tok::boolean:
      case Tok::number:
      case Tok::floating:
      case Tok::string:
      case Tok::heredoc:
        items_.push_back(literal_type());
        need_comma = true;
        break;
      case Tok::comma:
        scan();
        unscan();
        need_comma = false;
        continue;
      case Tok::lbrace: {
        const GoPos at = t.pos;  // t is overwritten by the nested scans
        ast::Value* v = nullptr;
        Err e = object_type(v);
        if (e) {
          e->msg = "error while trying to parse object within list: " + e->go_text();
          e->pos = at;
          e->positioned = true;
          return fail(std::move(e));
        }
        items_.push_back(v);
        need_comma = true;
        break;
      }
      case Tok::lbrack: {
        const GoPos at = t.pos;
        ast::Value* v = nullptr;
        Err e = list_type(v);
        if (e) {
          e->msg = "error while trying to parse list within list: " + e->go_text();
          e->pos = at;
          e->positioned = true;
          return fail(std::move(e));
        }
        items_.push_back(v);
        break;
      }
      case Tok::rbrack: {
        ast::Value* v = arena_.make<ast::Value>();
        v->kind = ast::Kind::array;
        v->begin = lbrack.begin;
        v->end = t.end;
        const auto n = items_.size() - mark;
        v->data = arena_.copy(std::span<ast::Value* const>(items_.data() + mark, n)).data();
        v->count = static_cast<std::uint32_t>(n);
        items_.resize(mark);
        out = v;
        --depth_;
        return nullptr;
      }
      default:
        return fail(pos_error(t, fmt::format("unexpected token while parsing list: {}", go_name(t.type)),
                              fmt::format("unexpected {} in a list", describe(t)),
                              "List items are values separated by commas: [\"a\", \"b\"]."));
    }
  }
}

void Parser::report_error(const Error& e, Severity sev, const char* code) {
  if (e.suppressed) return;
  // A parse error after a scanner error in the same top-level item is
  // almost always its consequence (an unterminated string swallowing the
  // rest of the line, say): the scanner diagnostic already explains it.
  if (sev == Severity::error && sc_.errors().size() > item_scan_errors_) return;
  Diagnostic d = diag::make(sev, code ? code : e.code, e.summary, {file_, e.begin, e.end}, e.detail);
  if (sev == Severity::warning) {
    d.summary = "ignored syntax error: " + e.summary;
    d.detail = "HashiCorp's HCL v1 parser (v1.0.0) silently ignores an error that ends at a '}' inside a block, "
               "so the rest of this block is dropped. Fix the syntax; newer HCL releases reject it.";
  }
  d.notes = e.notes;
  if (sev == Severity::error) d.consul_text = e.go_text();
  report(std::move(d));
}

bool Parser::resync(std::uint32_t error_offset) {
  for (;;) {
    const Tk& t = scan();
    if (t.type == Tok::eof) return false;
    const bool start = (t.type == Tok::ident || t.type == Tok::string) && t.first_on_line &&
                       (t.depth == 0 || t.pos.column == 1) && t.begin >= error_offset;
    if (start) {
      lex_depth_ = 0;
      unscan();
      return true;
    }
  }
}

Diagnostic scanner_diagnostic(FileId file, std::string_view text, const ScanError& e) {
  const std::string_view msg = e.msg;
  const std::uint32_t at = std::min<std::uint32_t>(e.offset, static_cast<std::uint32_t>(text.size()));
  const std::uint32_t one = at < text.size() ? at + 1 : at;
  SourceRange r{file, at, one};
  auto mk = [&](const char* code, std::string summary, std::string detail = {}) {
    Diagnostic d = diag::make(Severity::error, code, std::move(summary), r, std::move(detail));
    return d;
  };
  if (msg == "illegal char") {
    const utf8::Decoded ch = utf8::decode(text, at);
    r.end = at + std::max<std::uint32_t>(ch.size, 1);
    if (at == 0 && ch.rune == 0xFEFF) {
      return mk("core-encoding", "byte order mark at the start of the file",
                "HashiCorp's HCL parser rejects a UTF-8 byte order mark. Save the file as UTF-8 without a BOM.");
    }
    std::string shown;
    utf8::append(shown, ch.rune);
    if (ch.rune == ':') {
      return mk("core-syntax", "illegal character ':'", "HCL assigns with '=', not ':'.");
    }
    if (ch.rune == '\'') {
      // Cover the whole 'quoted' text when the closing quote is on the same line.
      const std::size_t close = text.find_first_of("'\n", at + 1);
      if (close != std::string_view::npos && text[close] == '\'') r.end = static_cast<std::uint32_t>(close + 1);
      return mk("core-syntax", "single-quoted string", "HCL strings use double quotes: write \"web\", not 'web'.");
    }
    if (ch.rune < 0x20 || ch.rune == 0x7F) {
      return mk("core-syntax", fmt::format("illegal control character 0x{:02X}", static_cast<unsigned>(ch.rune)));
    }
    return mk("core-syntax", fmt::format("illegal character '{}'", shown));
  }
  if (msg == "illegal UTF-8 encoding") {
    return mk("core-encoding",
              fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned>(static_cast<unsigned char>(text[at]))),
              "Consul reads configuration as UTF-8; re-encode the file as UTF-8.");
  }
  if (msg == "unexpected null character (0x00)") {
    return mk("core-encoding", "NUL byte in the file", "A NUL byte usually means a binary or UTF-16 file.");
  }
  if (msg == "literal not terminated") {
    r.begin = e.tok_begin;
    r.end = std::max(at, e.tok_begin + 1);
    return mk("core-syntax", "unterminated string",
              "A quoted string must end on the line it starts on; use a heredoc (<<EOT ... EOT) for text over "
              "several lines.");
  }
  if (msg == "comment not terminated") {
    r.begin = e.tok_begin;
    r.end = std::min<std::uint32_t>(e.tok_begin + 2, static_cast<std::uint32_t>(text.size()));
    return mk("core-syntax", "unterminated comment", "A '/*' comment must be closed with '*/'.");
  }
  if (msg == "heredoc not terminated") {
    r.begin = e.tok_begin;
    std::string_view head = text.substr(e.tok_begin);
    head = head.substr(0, std::min<std::size_t>(head.find_first_of("\r\n"), 40));
    r.end = e.tok_begin + static_cast<std::uint32_t>(head.size());
    std::string_view anchor = head.substr(std::min<std::size_t>(head.size(), head.size() > 2 && head[2] == '-' ? 3 : 2));
    return mk("core-syntax", fmt::format("unterminated heredoc '{}'", head),
              fmt::format("No line containing only '{}' (after optional spaces) ends it, and the line that ends a "
                          "heredoc must itself end with a newline.{}",
                          anchor,
                          head.size() > 2 && head[2] == '-'
                              ? " With '<<-', HCL v1 also ignores an end line shorter than the anchor plus one "
                                "character, so indent the end marker."
                              : ""));
  }
  if (msg == "invalid characters in heredoc anchor") {
    r.begin = e.tok_begin;
    return mk("core-syntax", "invalid heredoc anchor",
              "A heredoc starts with '<<' or '<<-', a name of letters and digits, and a newline.");
  }
  if (msg == "zero-length heredoc anchor") {
    r.begin = e.tok_begin;
    return mk("core-syntax", "heredoc anchor is empty", "Name the heredoc: '<<EOT' ... 'EOT'.");
  }
  if (msg == "heredoc expected second '<', didn't see it") {
    r.begin = e.tok_begin;
    return mk("core-syntax", "expected '<<' to start a heredoc");
  }
  if (msg == "illegal char escape") {
    return mk("core-syntax", "invalid escape sequence in string",
              "Valid escapes are \\n \\t \\r \\\" \\\\ \\a \\b \\f \\v, \\NNN (octal), \\xHH, \\uHHHH and "
              "\\UHHHHHHHH.");
  }
  if (msg == "illegal hexadecimal number") {
    r.begin = e.tok_begin;
    return mk("core-syntax", "hexadecimal number without digits");
  }
  if (msg == "illegal octal number") {
    r.begin = e.tok_begin;
    r.end = at;
    return mk("core-syntax", "invalid octal number",
              "In HCL v1 a leading 0 makes an integer octal, so the digits 8 and 9 are not allowed. Remove the "
              "leading zero or quote the value.");
  }
  if (msg == "expected '/' for comment") {
    return mk("core-syntax", "expected '//' or '/*' to start a comment");
  }
  return mk("core-syntax", std::string(msg));
}

void Parser::flush(const std::string& reference_error) {
  // Scanner diagnostics; an "illegal char" right after an invalid UTF-8 byte at
  // the same offset is one problem.
  const auto& serr = sc_.errors();
  // A UTF-16 file (byte order mark FF FE or FE FF) is one problem, not one per
  // character: say what it is and nothing else about the encoding.
  const bool utf16 = text_.size() >= 2 && ((static_cast<unsigned char>(text_[0]) == 0xFF &&
                                            static_cast<unsigned char>(text_[1]) == 0xFE) ||
                                           (static_cast<unsigned char>(text_[0]) == 0xFE &&
                                            static_cast<unsigned char>(text_[1]) == 0xFF));
  if (utf16) {
    Diagnostic d = diag::make(Severity::error, "core-encoding",
                              fmt::format("the file is UTF-16 (byte order mark {:02X} {:02X}), not UTF-8",
                                          static_cast<unsigned>(static_cast<unsigned char>(text_[0])),
                                          static_cast<unsigned>(static_cast<unsigned char>(text_[1]))),
                              SourceRange{file_, 0, 2},
                              "Consul reads configuration as UTF-8; save the file as UTF-8 (without a byte order "
                              "mark).");
    d.consul_text = reference_error;
    std::erase_if(pending_, [](const Diagnostic& p) { return p.severity == Severity::error; });
    pending_.insert(pending_.begin(), std::move(d));
  }
  for (std::size_t i = 0; i < serr.size() && !utf16; ++i) {
    const std::string go = "At " + serr[i].pos.str() + ": " + serr[i].msg;
    // The scanner reads a character again after unread(): an error it reported
    // for that character is reported again. One diagnostic each.
    bool repeated = false;
    for (std::size_t j = i; j-- > 0 && j + 4 >= i;) {
      if (serr[j].offset == serr[i].offset && std::string_view(serr[j].msg) == serr[i].msg) repeated = true;
    }
    if (repeated) continue;
    if (std::string_view(serr[i].msg) == "illegal char" && i > 0 &&
        std::string_view(serr[i - 1].msg) == "illegal UTF-8 encoding" && serr[i - 1].offset == serr[i].offset) {
      if (go == reference_error) pending_.back().consul_text = go;  // one problem, two scanner errors
      continue;
    }
    if (std::string_view(serr[i].msg) == "illegal char" && text_[serr[i].offset] == '\'' && !pending_.empty() &&
        pending_.back().summary == "single-quoted string" && pending_.back().subject.end == serr[i].offset + 1) {
      if (go == reference_error) pending_.back().consul_text = go;  // the closing quote of the same string
      continue;
    }
    Diagnostic d = scanner_diagnostic(file_, text_, serr[i]);
    d.consul_text = go;
    pending_.push_back(std::move(d));
  }
  // consul_text is only kept on the diagnostic HashiCorp's parser reports.
  bool attached = false;
  for (const std::size_t i : diag::source_order(pending_)) {
    Diagnostic& d = pending_[i];
    if (d.severity == Severity::error) {
      if (!attached && !reference_error.empty() && d.consul_text == reference_error) {
        attached = true;
      } else {
        d.consul_text.clear();
      }
    }
    sink_.report(std::move(d));
  }
  pending_.clear();
}

std::string Parser::run() {
  members_.clear();
  items_.clear();
  keys_.clear();
  std::vector<ast::Member> top;
  std::string reference;
  std::uint32_t last_error_offset = 0;
  bool first = true;
  for (;;) {
    std::size_t mark = 0;
    Err err = object_list(false, mark);
    top.insert(top.end(), members_.begin() + static_cast<std::ptrdiff_t>(mark), members_.end());
    members_.resize(mark);
    if (first) {
      first = false;
      if (!sc_.errors().empty()) {
        const ScanError& s = sc_.errors().back();
        reference = "At " + s.pos.str() + ": " + s.msg;
      } else if (err) {
        reference = err->go_text();
      }
    }
    if (!err) break;
    report_error(*err);
    const std::uint32_t at = std::max(err->begin, last_error_offset + 1);
    last_error_offset = at;
    if (!resync(at)) break;
  }
  ast::Value* root = arena_.make<ast::Value>();
  root->kind = ast::Kind::object;
  root->flags = ast::kFileRoot;
  root->begin = 0;
  root->end = static_cast<std::uint32_t>(text_.size());
  root->data = arena_.copy(std::span<const ast::Member>(top)).data();
  root->count = static_cast<std::uint32_t>(top.size());
  doc_.root = root;
  doc_.syntax_ok = reference.empty() && sc_.errors().empty();
  flush(reference);
  return reference;
}

}  // namespace

ParseResult parse(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts) {
  ParseResult r;
  r.doc.file = file;
  r.doc.text = text;
  r.doc.syntax = ast::Syntax::hcl;
  r.doc.arena = std::make_unique<Arena>(text.size() + 1024);
  Parser p(file, text, sink, opts, r.doc);
  r.reference_error = p.run();
  return r;
}

}  // namespace entryc::hcl
