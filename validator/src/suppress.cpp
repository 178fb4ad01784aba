#include "suppress.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <tao/pegtl.hpp>

#include "entryc/suggest.hpp"

namespace entryc::lint {
namespace {

namespace pegtl = tao::pegtl;

// The directive grammar, one struct per rule.
namespace grammar {
struct blank : pegtl::star<pegtl::one<' ', '\t'>> {};
struct keyword : TAO_PEGTL_STRING("entryc-ignore") {};
struct word : pegtl::plus<pegtl::ranges<'a', 'z', '0', '9'>> {};
struct rule_id : pegtl::seq<word, pegtl::star<pegtl::one<'-'>, word>> {};
struct rule_list : pegtl::list<rule_id, pegtl::one<','>, pegtl::one<' ', '\t'>> {};
struct reason : pegtl::star<pegtl::any> {};
struct directive : pegtl::seq<blank, keyword, blank, pegtl::one<':'>, blank, rule_list, blank, reason> {};
}  // namespace grammar

struct Directive {
  std::vector<std::string> rules;
  std::string reason;
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};
template <>
struct action<grammar::rule_id> {
  template <typename Input>
  static void apply(const Input& in, Directive& d) {
    d.rules.push_back(in.string());
  }
};
template <>
struct action<grammar::reason> {
  template <typename Input>
  static void apply(const Input& in, Directive& d) {
    d.reason = in.string();
    while (!d.reason.empty() && (d.reason.back() == ' ' || d.reason.back() == '\t')) d.reason.pop_back();
  }
};

// The comment's text without its markers.
std::string_view body(std::string_view c) {
  if (c.substr(0, 2) == "/*") {
    c.remove_prefix(2);
    if (c.size() >= 2 && c.substr(c.size() - 2) == "*/") c.remove_suffix(2);
  } else if (c.substr(0, 2) == "//") {
    c.remove_prefix(2);
  } else if (!c.empty() && c[0] == '#') {
    c.remove_prefix(1);
  }
  while (!c.empty() && (c.back() == '\r' || c.back() == '\n')) c.remove_suffix(1);
  return c;
}

bool fixed(std::string_view code) {
  return code == "core-syntax" || code == "core-encoding" || code == "core-io" || code == "core-limit" ||
         code.rfind("core-plugin", 0) == 0 || code.rfind("core-suppression", 0) == 0;
}

}  // namespace

void apply_suppressions(const ast::Document& doc, const SourceFile& file, const std::vector<std::string>& known_codes,
                        std::vector<diag::Diagnostic>& diags) {
  std::vector<diag::Diagnostic> problems;
  for (const auto& [begin, end] : doc.comments) {
    const std::string_view text = body(doc.text.substr(begin, end - begin));
    if (text.find("entryc-ignore") == std::string_view::npos) continue;
    Directive d;
    pegtl::memory_input in(text.data(), text.size(), "comment");
    const SourceRange where{doc.file, begin, end};
    bool parsed = false;
    try {
      parsed = pegtl::parse<grammar::directive, action>(in, d);
    } catch (const pegtl::parse_error&) {
      parsed = false;
    }
    if (!parsed || d.rules.empty()) {
      problems.push_back(diag::make(diag::Severity::error, "core-suppression",
                                    "malformed entryc-ignore comment", where,
                                    "Write '# entryc-ignore: RULE-ID reason', naming one or more rule ids "
                                    "separated by commas."));
      continue;
    }
    if (d.reason.empty()) {
      problems.push_back(diag::make(diag::Severity::error, "core-suppression",
                                    "entryc-ignore needs a reason", where,
                                    "Say why the finding does not apply: '# entryc-ignore: " + d.rules[0] +
                                        " the peer is created by another team'."));
      continue;
    }
    // The line it applies to: its own, or the next non-blank line when the
    // comment stands alone.
    const Position pb = file.position(begin), pe = file.position(end > begin ? end - 1 : end);
    const std::uint32_t line_start = file.line_start(pb.line);
    const std::string_view before = doc.text.substr(line_start, begin - line_start);
    const bool alone = before.find_first_not_of(" \t") == std::string_view::npos;
    std::uint32_t target = pb.line;
    if (alone) {
      target = pe.line + 1;
      while (target <= file.line_count() && file.line_text(target).find_first_not_of(" \t\r") == std::string_view::npos) {
        ++target;
      }
    }
    for (const std::string& id : d.rules) {
      if (std::find(known_codes.begin(), known_codes.end(), id) == known_codes.end()) {
        std::vector<std::string_view> names(known_codes.begin(), known_codes.end());
        std::string summary = fmt::format("entryc-ignore names an unknown rule '{}'", id);
        if (auto m = suggest(id, names)) summary += fmt::format("; did you mean '{}'?", *m);
        problems.push_back(diag::make(diag::Severity::warning, "core-suppression-unused", std::move(summary), where,
                                      "`entryc rules` lists every rule id."));
        continue;
      }
      bool used = false;
      diags.erase(std::remove_if(diags.begin(), diags.end(),
                                 [&](const diag::Diagnostic& x) {
                                   if (x.code != id || fixed(x.code) || !x.subject.valid()) return false;
                                   if (file.position(x.subject.begin).line != target) return false;
                                   used = true;
                                   return true;
                                 }),
                  diags.end());
      if (!used) {
        problems.push_back(diag::make(diag::Severity::warning, "core-suppression-unused",
                                      fmt::format("entryc-ignore: '{}' suppresses nothing on line {}", id, target),
                                      where, "Remove the comment, or move it next to the finding."));
      }
    }
  }
  for (diag::Diagnostic& p : problems) diags.push_back(std::move(p));
}

}  // namespace entryc::lint
