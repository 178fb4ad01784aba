// JSON front ends. Both build the same ast::Document as the HCL front end,
// with a byte range on every key and value.
//
//  - parse_strict: RFC 8259, as Go's encoding/json reads it (so exactly what
//    `consul config write` and Consul's HTTP API accept). Grammar in PEGTL;
//    `reference_error` is encoding/json's own error text.
//  - parse_hcl: HashiCorp's lenient HCL v1 JSON parser (hcl/json/parser), as
//    `hcl.Decode` reads JSON (ACL rules, `hcl1ref json` without -consul).
//    It accepts some broken JSON; each such leniency is reported as a warning.
#pragma once

#include <string>
#include <string_view>

#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"

namespace entryc::json {

struct ParseOptions {
  std::uint32_t max_depth = 1000;  // see docs/limits.md
};

struct ParseResult {
  ast::Document doc;
  // The error the reference implementation returns for this text, verbatim
  // (encoding/json's for parse_strict, hashicorp/hcl's for parse_hcl), or
  // empty when it accepts the text.
  std::string reference_error;
};

ParseResult parse_strict(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts = {});
ParseResult parse_hcl(FileId file, std::string_view text, diag::Sink& sink, const ParseOptions& opts = {});

}  // namespace entryc::json
