// Inline suppressions: `# entryc-ignore: RULE-ID[, RULE-ID...] reason` on the
// line of a finding, or alone on the line before it. A reason is required;
// problems of the input itself (syntax, encoding) cannot be suppressed.
#pragma once

#include <string>
#include <vector>

#include "entryc/ast.hpp"
#include "entryc/diagnostic.hpp"
#include "entryc/source.hpp"

namespace entryc::lint {

void apply_suppressions(const ast::Document& doc, const SourceFile& file, const std::vector<std::string>& known_codes,
                        std::vector<diag::Diagnostic>& diags);

}  // namespace entryc::lint
