// entryc fmt: rewrites HCL1 files in the canonical layout (the one HCL writer,
// entryc/hcl_writer.hpp), keeping every comment and the meaning.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "commands.hpp"
#include "entryc/document.hpp"
#include "entryc/hcl_writer.hpp"
#include "entryc/load.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"write", 'w', "", "write the result to the file (atomically) instead of printing it"},
    {"check", 0, "", "print the names of files that are not formatted; exit 1 if there are any"},
    {"diff", 0, "", "print a unified diff of the changes instead of the result"},
    {"exclude", 0, "GLOB", "skip paths matching GLOB (repeatable)"},
    {"format", 0, "FORMAT", "diagnostics on stderr: pretty, compact or json"},
};

// Parse errors, and text HCL v1 silently drops, leave a file as it is: its
// formatted form could not say the same thing.
bool formattable(const ParsedDocument& pd, std::span<const diag::Diagnostic> ds, diag::Sink& sink) {
  bool ok = pd.accepted();
  for (const diag::Diagnostic& d : ds) {
    ok = ok && d.severity != diag::Severity::error;
    if (ok && (d.code == "hcl-swallowed-error" || d.code == "hcl-dangling-assign")) {
      sink.report(diag::make(diag::Severity::error, "fmt-unsafe", "HCL v1 ignores part of this file; not formatted",
                             d.subject, "Fix the warning reported here, then format the file."));
      ok = false;
    }
  }
  return ok;
}

// Formats one HCL document; the result is parsed again and must decode to
// the same tree with the same comments, or the file is left alone.
bool format_document(SourceManager& sm, FileId id, const std::string& name, std::string& out, diag::Sink& sink) {
  ReadOptions ro;
  ro.check_duplicates = false;
  diag::Collector parse_sink;
  ParsedDocument pd = read_document(sm, id, parse_sink, ro);
  const bool ok = formattable(pd, parse_sink.diagnostics(), sink);
  for (diag::Diagnostic& d : parse_sink.diagnostics()) sink.report(std::move(d));
  if (!ok || !hcl::write(pd.doc, out, sink)) return false;
  diag::Collector again_sink;
  const FileId again_id = sm.add(name + " (formatted)", out);
  ParsedDocument again = read_document(sm, again_id, again_sink, ro);
  std::string before, after;
  generic::write_json(pd.tree.root, before);
  if (again.accepted()) generic::write_json(again.tree.root, after);
  if (before != after || pd.doc.comments.size() != again.doc.comments.size()) {
    sink.report(diag::make(diag::Severity::error, "fmt-unsafe", "the formatted file would not mean the same",
                           SourceRange{id, 0, 0},
                           "entryc fmt left the file unchanged. Please report this file as an entryc bug."));
    return false;
  }
  return true;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t nl = s.find('\n', i);
    const std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    lines.push_back(s.substr(i, end - i));
    i = end;
  }
  return lines;
}

// A unified diff (3 lines of context). The lines between the common head and
// tail are matched by a longest-common-subsequence table when it is small,
// else shown as one replacement.
std::string unified_diff(std::string_view name, std::string_view a_text, std::string_view b_text) {
  const auto a = split_lines(a_text), b = split_lines(b_text);
  std::size_t head = 0, tail = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  struct Op {
    char kind;  // ' ', '-', '+'
    std::size_t ai, bi;
  };
  std::vector<Op> ops;
  for (std::size_t i = 0; i < head; ++i) ops.push_back({' ', i, i});
  if (n * m <= (std::size_t{1} << 22)) {
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        ops.push_back({' ', head + i++, head + j++});
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        ops.push_back({'-', head + i++, head + j});
      } else {
        ops.push_back({'+', head + i, head + j++});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) ops.push_back({'-', head + i, head});
    for (std::size_t j = 0; j < m; ++j) ops.push_back({'+', head + n, head + j});
  }
  for (std::size_t i = 0; i < tail; ++i) ops.push_back({' ', head + n + i, head + m + i});

  std::string out = fmt::format("--- {}\n+++ {}\n", name, name);
  constexpr std::size_t kContext = 3;
  for (std::size_t k = 0; k < ops.size();) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines after
    // the last change that is at most 2*kContext unchanged lines further.
    const std::size_t first = k >= kContext ? k - kContext : 0;
    std::size_t last = k;
    for (std::size_t p = k; p < ops.size(); ++p) {
      if (ops[p].kind != ' ') last = p;
      if (p - last > 2 * kContext) break;
    }
    const std::size_t end = std::min(ops.size(), last + kContext + 1);
    std::size_t na = 0, nb = 0;
    for (std::size_t p = first; p < end; ++p) {
      na += ops[p].kind != '+';
      nb += ops[p].kind != '-';
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", na ? ops[first].ai + 1 : ops[first].ai, na,
                       nb ? ops[first].bi + 1 : ops[first].bi, nb);
    for (std::size_t p = first; p < end; ++p) {
      const std::string_view line = ops[p].kind == '+' ? b[ops[p].bi] : a[ops[p].ai];
      out += ops[p].kind;
      out += line;
      if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
    }
    k = end;
  }
  return out;
}

// Replaces `path` (a symbolic link: its target) by `data` through a
// temporary file in the same directory, keeping the file's permissions.
bool write_atomically(const std::string& path, const std::string& data, std::string& error) {
  std::error_code ec;
  std::filesystem::path target = std::filesystem::canonical(path, ec);
  if (ec) target = path;
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) {
    error = std::strerror(errno);
    return false;
  }
  std::string tmp = (target.parent_path() / ("." + target.filename().string() + ".entryc-fmt-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  bool ok = ::fchmod(fd, st.st_mode & 07777) == 0;
  for (std::size_t done = 0; ok && done < data.size();) {
    const ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) done += static_cast<std::size_t>(w);
  }
  ok = ok && ::fsync(fd) == 0;
  if (!ok) error = std::strerror(errno);
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), target.c_str()) != 0) {
    error = std::strerror(errno);
    ok = false;
  }
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

int run_fmt(Context& ctx, const Args& args) {
  const Command& self = kFmtCommand;
  render::Format format = ctx.default_format(stderr);
  if (auto f = args.get("format"); f && !parse_format(*f, format)) {
    return usage_error(self, "--format must be pretty, compact or json");
  }
  if (args.positional().empty()) return usage_error(self, "no input: give files, directories, or '-' for stdin");
  const bool write = args.has("write"), check = args.has("check"), diff = args.has("diff");

  SourceManager sm;
  diag::Collector sink;
  const std::vector<std::string> excludes = args.all("exclude");
  const std::vector<load::Input> inputs = load::expand(args.positional(), excludes, sink);
  int status = sink.diagnostics().empty() ? kExitOk : kExitUsage;
  std::string stdout_buf;
  for (const load::Input& in : inputs) {
    const bool named = in.from_stdin || std::find(args.positional().begin(), args.positional().end(), in.name) !=
                                            args.positional().end();
    if (!named && !in.name.ends_with(".hcl")) continue;  // directories: *.hcl only
    const std::optional<FileId> id = load::read(sm, in, sink);
    if (!id) {
      status = kExitUsage;
      continue;
    }
    const std::string_view text = sm.file(*id).text();
    if (ast::looks_like_json(text)) {
      // JSON is left as it is: Consul's JSON has no canonical layout to keep.
      sink.report(diag::make(diag::Severity::note, "fmt-json-skipped", "JSON file left unchanged",
                             SourceRange{*id, 0, 0}, "entryc fmt formats HCL v1 only."));
      if (in.from_stdin && !check && !diff) stdout_buf += text;
      continue;
    }
    std::string formatted;
    if (!format_document(sm, *id, in.name, formatted, sink)) {
      if (status == kExitOk) status = kExitFindings;
      continue;
    }
    const bool changed = formatted != text;
    if (check && changed) {
      stdout_buf += in.name + "\n";
      if (status == kExitOk) status = kExitFindings;
    }
    if (diff && changed) stdout_buf += unified_diff(in.name, text, formatted);
    if (write && changed && !in.from_stdin) {
      std::string error;
      if (!write_atomically(in.name, formatted, error)) {
        std::fprintf(stderr, "entryc fmt: cannot write '%s': %s\n", in.name.c_str(), error.c_str());
        status = kExitUsage;
      }
    }
    if (!check && !diff && (!write || in.from_stdin)) stdout_buf += formatted;
    if (stdout_buf.size() > (1u << 20)) {
      write_out(stdout, stdout_buf);
      stdout_buf.clear();
    }
  }
  write_out(stdout, stdout_buf);
  if (!sink.diagnostics().empty()) ctx.print(stderr, sm, sink.diagnostics(), format);
  return status;
}

}  // namespace

const Command kFmtCommand = {
    "fmt",
    "rewrite HCL1 files in the canonical layout, keeping comments and meaning",
    "entryc fmt [-w] [--check] [--diff] PATH...|-",
    "Formats each HCL v1 FILE (directories: every *.hcl below them; '-': stdin) in entryc's canonical layout:\n"
    "two-space indent, '=' aligned in runs of one-line attributes, blocks as 'name { ... }', every comment and\n"
    "heredoc kept, one empty line where the file had one or more. The result is parsed again and must decode\n"
    "to the same values with the same comments, or the file is left alone. Without -w, --check or --diff the\n"
    "result is printed. JSON files are left unchanged (a note says so). Files with syntax errors are reported\n"
    "and left unchanged. Exit status: 0 formatted (or already so), 1 --check found unformatted files, or a\n"
    "file has errors, 2 usage or I/O error.",
    kOptions,
    run_fmt,
};

}  // namespace entryc::cli
