#include "entryc/diagnostic.hpp"

#include <algorithm>
#include <numeric>

namespace entryc::diag {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::size_t Collector::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(diags_.begin(), diags_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

Diagnostic make(Severity sev, std::string code, std::string summary, SourceRange subject,
                std::string detail) {
  Diagnostic d;
  d.severity = sev;
  d.code = std::move(code);
  d.summary = std::move(summary);
  d.subject = subject;
  d.detail = std::move(detail);
  return d;
}

std::vector<std::size_t> source_order(const std::vector<Diagnostic>& diags) {
  std::vector<std::size_t> order(diags.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return diags[a].subject.begin < diags[b].subject.begin; });
  return order;
}

}  // namespace entryc::diag
