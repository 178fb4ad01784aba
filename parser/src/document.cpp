#include "entryc/document.hpp"

#include "entryc/hcl.hpp"
#include "entryc/json.hpp"

namespace entryc {

ParsedDocument read_document(const SourceManager& sm, FileId file, diag::Sink& sink, const ReadOptions& opts) {
  const SourceFile& f = sm.file(file);
  const std::string_view text = f.text();
  ParsedDocument out;
  const bool is_json = ast::looks_like_json(text);
  const bool strict_json = is_json && opts.reader == Reader::consul;
  if (strict_json) {
    json::ParseResult r = json::parse_strict(file, text, sink, {opts.max_depth});
    out.doc = std::move(r.doc);
    out.reference_error = std::move(r.reference_error);
  } else if (is_json) {
    json::ParseResult r = json::parse_hcl(file, text, sink, {opts.max_depth});
    out.doc = std::move(r.doc);
    out.reference_error = std::move(r.reference_error);
  } else {
    hcl::ParseResult r = hcl::parse(file, text, sink, {opts.max_depth});
    out.doc = std::move(r.doc);
    out.reference_error = std::move(r.reference_error);
  }
  if (!out.reference_error.empty() || !out.doc.syntax_ok) return out;
  if (!is_json && opts.check_duplicates) {
    std::string dup = hcl::check_duplicates(out.doc, f, sink,
                                            opts.dup_error ? diag::Severity::error : diag::Severity::warning);
    if (opts.dup_error && !dup.empty()) {
      out.reference_error = std::move(dup);
      out.doc.syntax_ok = false;
      return out;
    }
  }
  if (!opts.decode) return out;
  out.tree = strict_json ? generic::decode_std_json(out.doc, f, sink) : generic::decode_hcl(out.doc, f, sink);
  out.reference_error = out.tree.reference_error;
  return out;
}

}  // namespace entryc
