#include "report.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "entryc/utf8.hpp"

namespace entryc::render::report {
namespace {

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string display_path(std::string_view name, const Options& o) {
  namespace fs = std::filesystem;
  if (name.empty() || name == "<stdin>") return std::string(name);
  fs::path p = fs::path(name).lexically_normal();
  if (p.is_absolute() && !o.source_root.empty()) {
    const fs::path rel = p.lexically_relative(fs::path(o.source_root).lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") p = rel;
  }
  std::string s = p.generic_string();
  return s.empty() ? std::string(name) : s;
}

Where where(const SourceManager& sm, const SourceRange& r, const Options& o) {
  if (!r.valid()) return {};
  const SourceFile& f = sm.file(r.file);
  return {true, display_path(f.name(), o), f.position(r.begin), f.position(r.end)};
}

std::string message(const diag::Diagnostic& d, const Options& o) {
  return o.consul_messages && !d.consul_text.empty() ? d.consul_text : d.summary;
}

std::string Fingerprints::next(const SourceManager& sm, const diag::Diagnostic& d, const Options& o) {
  std::string key = d.code + '\n';
  if (d.subject.valid()) {
    const SourceFile& f = sm.file(d.subject.file);
    key += display_path(f.name(), o) + '\n' + one_line(f.line_text(f.position(d.subject.begin).line));
  } else {
    key += '\n' + d.summary;
  }
  const std::uint64_t h = fnv1a(key);
  return fmt::format("{:016x}:{}", h, ++seen_[h]);
}

std::vector<std::vector<const diag::Diagnostic*>> by_file(const SourceManager& sm,
                                                          std::span<const diag::Diagnostic> ds) {
  std::vector<std::vector<const diag::Diagnostic*>> out(sm.size() + 1);
  for (const diag::Diagnostic& d : ds) out[d.subject.valid() ? d.subject.file : sm.size()].push_back(&d);
  return out;
}

std::string xml(std::string_view s) {
  const std::string valid = utf8::first_invalid(s) == std::string_view::npos ? std::string(s) : utf8::sanitize(s);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size();) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c >= 0x80) {
      const utf8::Decoded dd = utf8::decode(valid, i);
      if (dd.rune == 0xFFFE || dd.rune == 0xFFFF) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(valid, i, dd.size);
      }
      i += std::max<std::uint32_t>(dd.size, 1);
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (c < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  return out;
}

std::string uri_path(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out.push_back(ch);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace entryc::render::report

namespace entryc::render {
namespace {

std::string render_lines(const SourceManager& sm, std::span<const diag::Diagnostic> ds, const Report& r,
                         void (*one)(const SourceManager&, const diag::Diagnostic&, std::string&, const Options&)) {
  std::string out;
  for (const diag::Diagnostic& d : ds) one(sm, d, out, r.options);
  return out;
}

const ReportFormat kFormats[] = {
    {"pretty", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                  const Report& r) { return render_lines(sm, ds, r, &pretty); }},
    {"compact", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                   const Report& r) { return render_lines(sm, ds, r, &compact); }},
    {"json", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                const Report& r) { return json(sm, ds, r.options); }},
    {"sarif", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                 const Report& r) { return sarif(sm, ds, r.rules, r.tool_version, r.options); }},
    {"github", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                  const Report& r) { return github(sm, ds, r.options); }},
    {"gitlab", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                  const Report& r) { return gitlab(sm, ds, r.options); }},
    {"junit", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                 const Report& r) { return junit(sm, ds, r.options); }},
    {"checkstyle", [](const SourceManager& sm, std::span<const diag::Diagnostic> ds,
                      const Report& r) { return checkstyle(sm, ds, r.options); }},
};

}  // namespace

std::span<const ReportFormat> report_formats() { return kFormats; }

const ReportFormat* find_report_format(std::string_view name) {
  for (const ReportFormat& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string report_format_names() {
  std::string out;
  const std::size_t n = std::size(kFormats);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " or " : ", ";
    out += kFormats[i].name;
  }
  return out;
}

}  // namespace entryc::render
