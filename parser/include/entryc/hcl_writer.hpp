// Writes a syntax tree as HCL v1 text in entryc's canonical layout: two-space
// indent, '=' aligned within a run of one-line attributes, one item per line,
// objects as blocks. The result decodes (hcl.Decode, then Consul's decoder)
// to the same configuration as the input. Values HCL v1 cannot express (a
// JSON null inside a list, a string with an unbalanced "${") are errors.
// An HCL document keeps its comments, its empty lines (one at most), its
// heredocs and the user's spelling of keys, strings and numbers: this is the
// layout of `entryc fmt` (docs/cli.md) and of `convert --to hcl`.
#pragma once

#include <string>

#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"

namespace entryc::hcl {

bool write(const ast::Document& doc, std::string& out, diag::Sink& sink);

// A string literal for `s` that HCL v1 decodes back to `s` exactly, or
// nothing when no quoted HCL v1 string can (see above).
bool quote_string(std::string_view s, std::string& out);

// True when `key` can be written without quotes.
bool is_identifier(std::string_view key);

}  // namespace entryc::hcl
