// intentions-header-match-count (P7): a header match must test exactly one
// of Present, Exact, Prefix, Suffix, Contains and Regex.
#include "entry.hpp"
#include "rules.hpp"

namespace intentions {
namespace {

// Consul's message names the fields its version knows. The releases without
// Contains and IgnoreCase (the ones ../shared/conformance was transcribed
// from) print the first; the releases with them print the second, and only
// they can have accepted a header that uses Contains or IgnoreCase.
constexpr const char* kText = " should only contain one of Present, Exact, Prefix, Suffix, or Regex";
constexpr const char* kTextWithContains =
    " should only contain one of Present, Exact, Prefix, Suffix, Contains, or Regex";

}  // namespace

void HeaderMatchCount::check(const Document& doc, Reporter& out) const {
  const Entry& e = read(doc);
  for (const Source& s : e.sources) {
    const Value& perms = s.permissions();
    for (std::size_t j = 0; j < perms.size(); ++j) {
      const Value* http = object(perms[j], "HTTP");
      if (!http) continue;
      const Value& headers = list(*http, "Header");
      for (std::size_t k = 0; k < headers.size(); ++k) {
        const Value& h = headers[k];
        std::vector<std::string> set;
        if (flag(h, "Present")) set.emplace_back("Present");
        for (const char* f : {"Exact", "Prefix", "Suffix", "Contains", "Regex"}) {
          if (!field(h, f).empty()) set.emplace_back(f);
        }
        if (set.size() == 1) continue;
        const std::string at = item(".HTTP.Header", k);
        const std::string name = field(h, "Name");
        const std::string what = name.empty() ? std::string("header match") : "header match " + q(name);
        std::string summary, path, detail;
        if (set.empty()) {
          summary = what + " tests nothing";
          path = s.perm(j, at);
          detail =
              "A header match tests the header with one of Present, Exact, Prefix, Suffix, Contains or Regex; "
              "Consul rejects one without a test. Use Present = true to require only that the header exists.";
        } else {
          std::string names = "'" + set[0] + "'";
          for (std::size_t n = 1; n < set.size(); ++n) names += (n + 1 == set.size() ? " and '" : ", '") + set[n] + "'";
          summary = what + (set.size() == 2 ? " sets both " : " sets all of ") + names;
          path = s.perm(j, at + "." + set[1]);
          detail =
              "A header match makes one test; Consul rejects one that sets several. Split it into one header "
              "match per test: a request must then pass all of them.";
        }
        const bool new_fields = !field(h, "Contains").empty() || present(h, "IgnoreCase");
        auto r = out.report(path, summary);
        r.detail(detail)
            .consul(s.consul_perm(j, at + (new_fields ? kTextWithContains : kText)))
            .order(order::permission(s.sorted, j, order::header(k, 1)));
        renumber_note(r, s);
      }
    }
  }
}

}  // namespace intentions
