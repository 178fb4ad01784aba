#include "entryc/render.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "entryc/utf8.hpp"

namespace entryc::render {
namespace {

const char* kReset = "\x1b[0m";
const char* kBold = "\x1b[1m";

const char* colour(diag::Severity s) {
  switch (s) {
    case diag::Severity::error: return "\x1b[1;31m";
    case diag::Severity::warning: return "\x1b[1;33m";
    case diag::Severity::note: return "\x1b[1;36m";
  }
  return "";
}

// Texts that quote the input (a 100,000-character name, a number of as many
// digits) are cut short in the human formats; json keeps them whole.
constexpr std::size_t kMaxSummaryRunes = 300;
constexpr std::size_t kMaxConsulRunes = 1000;

std::string cut(std::string_view s, std::size_t max_runes) {
  return s.size() <= max_runes ? std::string(s) : utf8::sanitize(s, max_runes);
}

std::string summary_of(const diag::Diagnostic& d, const Options& o) {
  if (o.consul_messages && !d.consul_text.empty()) return one_line(d.consul_text);
  return d.summary;
}

std::string shown_summary(const diag::Diagnostic& d, const Options& o) {
  return cut(summary_of(d, o), o.consul_messages && !d.consul_text.empty() ? kMaxConsulRunes : kMaxSummaryRunes);
}

// The byte offset of code point `n` of `s` (or its size).
std::size_t rune_offset(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (; i < s.size() && n > 0; --n) i += std::max<std::uint32_t>(utf8::decode(s, i).size, 1);
  return std::min(i, s.size());
}

std::string location(const SourceManager& sm, const SourceRange& r) {
  if (!r.valid()) return {};
  const SourceFile& f = sm.file(r.file);
  const Position p = f.position(r.begin);
  return fmt::format("{}:{}:{}", f.name(), p.line, p.column);
}

// Replaces tabs and control characters so that the caret line stays aligned.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      out.push_back(' ');
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out.push_back('?');
      ++i;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else {
      const utf8::Decoded dd = utf8::decode(line, i);
      if (dd.rune == utf8::kRuneError && dd.size == 1) {
        out.push_back('?');
      } else {
        out.append(line.substr(i, dd.size));
      }
      i += dd.size;
    }
  }
  return out;
}

void snippet(const SourceManager& sm, const SourceRange& r, std::string& out, const Options& o,
             diag::Severity sev) {
  if (!r.valid()) return;
  const SourceFile& f = sm.file(r.file);
  const Position b = f.position(r.begin);
  Position e = f.position(r.end);
  if (e.line != b.line) e = Position{b.line, static_cast<std::uint32_t>(utf8::count_runes(f.line_text(b.line))) + 1};
  const std::string num = std::to_string(b.line);
  const std::string pad(num.size(), ' ');
  std::string line = printable(f.line_text(b.line));
  std::uint32_t width = e.column > b.column ? e.column - b.column : 1;
  std::uint32_t column = b.column;
  // A very long line (minified JSON, a huge value) is shown as a window
  // around the start of the problem, with a bounded underline.
  constexpr std::uint32_t kBefore = 40, kWindow = 160;
  const std::size_t runes = utf8::count_runes(line);
  if (runes > kWindow) {
    const std::uint32_t from = column > kBefore + 1 ? column - 1 - kBefore : 0;
    const std::size_t begin = rune_offset(line, from);
    const std::size_t end = begin + rune_offset(std::string_view(line).substr(begin), kWindow);
    const bool more = end < line.size();
    line = (from > 0 ? "..." : "") + line.substr(begin, end - begin) + (more ? "..." : "");
    column = column - from + (from > 0 ? 3 : 0);
    const auto shown = static_cast<std::uint32_t>(utf8::count_runes(line));
    width = std::max<std::uint32_t>(1, std::min<std::uint32_t>(width, shown + 1 - column));
  }
  out += fmt::format("{} |\n", pad);
  out += fmt::format("{} | {}\n", num, line);
  out += fmt::format("{} | {}{}{}{}\n", pad, std::string(column - 1, ' '), o.color ? colour(sev) : "",
                     std::string(width, '^'), o.color ? kReset : "");
}

}  // namespace

void compact(const SourceManager& sm, const diag::Diagnostic& d, std::string& out, const Options& o) {
  const std::string loc = location(sm, d.subject);
  if (!loc.empty()) out += loc + ": ";
  out += fmt::format("{}: {}", diag::to_string(d.severity), shown_summary(d, o));
  if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
  out.push_back('\n');
}

void pretty(const SourceManager& sm, const diag::Diagnostic& d, std::string& out, const Options& o) {
  if (o.color) {
    out += fmt::format("{}{}{}{}: {}{}", colour(d.severity), diag::to_string(d.severity), kReset, kBold,
                       shown_summary(d, o), kReset);
  } else {
    out += fmt::format("{}: {}", diag::to_string(d.severity), shown_summary(d, o));
  }
  if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
  out.push_back('\n');
  const std::string loc = location(sm, d.subject);
  if (!loc.empty()) {
    out += fmt::format("  --> {}", loc);
    if (!d.path.empty()) out += fmt::format(" ({})", cut(d.path, kMaxSummaryRunes));
    out.push_back('\n');
    snippet(sm, d.subject, out, o, d.severity);
  } else if (!d.path.empty()) {
    out += fmt::format("  --> {}\n", cut(d.path, kMaxSummaryRunes));
  }
  for (const diag::Note& n : d.notes) {
    const std::string nl = location(sm, n.range);
    if (nl.empty()) {
      out += fmt::format("  = note: {}\n", cut(n.message, kMaxSummaryRunes));
    } else {
      out += fmt::format("  = note: {} ({})\n", cut(n.message, kMaxSummaryRunes), nl);
    }
  }
  if (!d.detail.empty()) out += fmt::format("  = {}\n", cut(d.detail, kMaxConsulRunes));
  if (!o.consul_messages && !d.consul_text.empty()) {
    out += fmt::format("  = consul: {}\n", cut(one_line(d.consul_text), kMaxConsulRunes));
  }
  for (const diag::Fix& f : d.fixes) out += fmt::format("  = fix: {}\n", f.description);
  out.push_back('\n');
}

std::string json(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Options& o) {
  auto range_json = [&](const SourceRange& r) -> nlohmann::json {
    if (!r.valid()) return nullptr;
    const SourceFile& f = sm.file(r.file);
    const Position b = f.position(r.begin), e = f.position(r.end);
    return {{"file", f.name()},
            {"start", {{"line", b.line}, {"column", b.column}, {"byte", r.begin}}},
            {"end", {{"line", e.line}, {"column", e.column}, {"byte", r.end}}}};
  };
  nlohmann::json arr = nlohmann::json::array();
  for (const diag::Diagnostic& d : ds) {
    nlohmann::json j;
    j["severity"] = diag::to_string(d.severity);
    j["code"] = d.code;
    j["summary"] = summary_of(d, o);
    if (!d.detail.empty()) j["detail"] = d.detail;
    j["range"] = range_json(d.subject);
    if (d.context.valid()) j["context"] = range_json(d.context);
    if (!d.path.empty()) j["path"] = d.path;
    if (!d.consul_text.empty()) j["consul_text"] = d.consul_text;
    if (!d.notes.empty()) {
      nlohmann::json notes = nlohmann::json::array();
      for (const diag::Note& n : d.notes) notes.push_back({{"message", n.message}, {"range", range_json(n.range)}});
      j["notes"] = std::move(notes);
    }
    if (!d.fixes.empty()) {
      nlohmann::json fixes = nlohmann::json::array();
      for (const diag::Fix& f : d.fixes) {
        fixes.push_back({{"description", f.description}, {"range", range_json(f.range)}, {"replacement", f.replacement}});
      }
      j["fixes"] = std::move(fixes);
    }
    arr.push_back(std::move(j));
  }
  nlohmann::json doc = {{"version", 1}, {"diagnostics", std::move(arr)}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string one_line(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string tally(std::span<const diag::Diagnostic> ds) {
  std::size_t errors = 0, warnings = 0;
  for (const diag::Diagnostic& d : ds) {
    if (d.severity == diag::Severity::error) ++errors;
    if (d.severity == diag::Severity::warning) ++warnings;
  }
  return fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

}  // namespace entryc::render
