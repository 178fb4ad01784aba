// HCL v1 front end: exactly the language hashicorp/hcl v1 accepts (the
// dialect Consul reads config entries and ACL rules in), into ast::Document.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"

namespace entryc::hcl {

struct ParseOptions {
  // Nesting deeper than this is refused with a diagnostic instead of risking
  // the stack (HashiCorp's parser has no limit; see docs/limits.md).
  std::uint32_t max_depth = 1000;
};

struct ParseResult {
  ast::Document doc;
  // The error hcl.Parse returns for this text, verbatim ("At 3:1: ..."), or
  // empty when HashiCorp's parser accepts it.
  std::string reference_error;
};

// Parses HCL v1 (not JSON: see json.hpp). Reports every syntax problem it
// can find to `sink` (recovering at the next top-level item), plus warnings
// where HCL v1 silently accepts something that is almost certainly a mistake.
ParseResult parse(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts = {});

}  // namespace entryc::hcl

namespace entryc::hcl {

// hcl.DecodeErrorOnDuplicates of hashicorp/hcl v1.0.1-vault-7 (what Consul
// uses for ACL rules): an attribute assigned twice in one object is an
// error; blocks never count. Reports every duplicate attribute of a
// document with `severity` and returns the fork's error text for the first
// one, or empty. In JSON, object values are not counted (they may be the
// JSON form of repeated blocks).
std::string check_duplicates(const ast::Document& doc, const SourceFile& file, diag::Sink& sink,
                             diag::Severity severity);

}  // namespace entryc::hcl
