// One entry point for "read this file the way Consul reads it": picks the
// front end (HCL v1, or JSON when the first non-space character is '{'),
// runs the duplicate-attribute check, then builds the decode view.
#pragma once

#include <string>

#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/generic.hpp"
#include "entryc/source.hpp"

namespace entryc {

enum class Reader : std::uint8_t {
  hcl,     // hcl.Decode: HCL, and JSON through HCL v1's own JSON parser
  consul,  // `consul config write`: HCL through hcl.Decode, JSON through encoding/json
};

struct ReadOptions {
  Reader reader = Reader::hcl;
  bool dup_error = false;  // reject duplicate attributes (hcl v1.0.1-vault-7, Consul's ACL rules)
  bool check_duplicates = true;  // report duplicate attributes at all (as warnings unless dup_error)
  bool decode = true;      // build the decode view
  std::uint32_t max_depth = 1000;
};

struct ParsedDocument {
  ast::Document doc;
  generic::Tree tree;
  // What the reference implementation says for this file (HashiCorp's or Go's
  // error text, verbatim), or empty when it accepts the file.
  std::string reference_error;
  bool accepted() const { return reference_error.empty() && doc.syntax_ok; }
};

ParsedDocument read_document(const SourceManager& sm, FileId file, diag::Sink& sink, const ReadOptions& opts = {});

}  // namespace entryc
