// Diagnostics are data: every layer reports them to a Sink; only renderers
// (validator/) turn them into text for people or tools.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "entryc/source.hpp"

namespace entryc::diag {

enum class Severity : std::uint8_t { note, warning, error };

const char* to_string(Severity s);

struct Note {
  std::string message;
  SourceRange range;  // may be invalid (a note without a location)
};

struct Fix {
  std::string description;
  SourceRange range;        // text to replace
  std::string replacement;  // replacement text
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable rule or check id, e.g. "core-syntax"
  std::string summary;  // lowercase, no final period
  std::string detail;   // 1-3 sentences: why it matters and how to fix it
  SourceRange subject;  // what is wrong (underlined)
  SourceRange context;  // optional wider range (e.g. the whole block)
  std::string path;     // Consul-style locator: Services[0].Consumers[1].Peer
  std::vector<Note> notes;
  std::vector<Fix> fixes;
  std::string consul_text;  // the exact message Consul would print, if any
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void report(Diagnostic d) = 0;
};

// Collects diagnostics in report order.
class Collector final : public Sink {
 public:
  void report(Diagnostic d) override { diags_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  std::vector<Diagnostic>& diagnostics() { return diags_; }
  std::size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::error) > 0; }
  void clear() { diags_.clear(); }

 private:
  std::vector<Diagnostic> diags_;
};

// Builds a diagnostic in one expression.
Diagnostic make(Severity sev, std::string code, std::string summary, SourceRange subject,
                std::string detail = {});

// The indices of `diags` by where their subjects begin, equal positions in
// their order: sorting indices instead of the diagnostics themselves keeps a
// file with thousands of syntax errors from moving every one of them log n times.
std::vector<std::size_t> source_order(const std::vector<Diagnostic>& diags);

}  // namespace entryc::diag
