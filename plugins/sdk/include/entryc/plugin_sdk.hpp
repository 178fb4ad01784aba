// Header-only C++ SDK over the C plugin boundary (plugin_abi.h).
//
// A rule is a small class:
//
//   class ExportsWildcardPeer final : public entryc::sdk::Rule {
//    public:
//     void check(const entryc::sdk::Document& doc, entryc::sdk::Reporter& out) const override {
//       ... out.report("Services[0].Consumers[1].Peer", "exporting to all peers is not supported")
//              .consul("Services[0].Consumers[1]: exporting to all peers (wildcard) is not supported");
//     }
//   };
//
// and a plugin is a table of rules:
//
//   ENTRYC_RULES_PLUGIN("exported-services", "1.0.0",
//     ENTRYC_RULE(ExportsWildcardPeer, "exports-wildcard-peer", error, "recommended", "exported-services",
//                 "consumer 'Peer' is the wildcard '*'", kDocExportsWildcardPeer))
//
// The SDK catches every exception a rule throws and reports it to the host
// as a plugin failure; nothing C++ crosses the boundary.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "entryc/json_reader.hpp"
#include "entryc/plugin_abi.h"
#include "entryc/value.hpp"

namespace entryc::sdk {

using Json = nlohmann::ordered_json;

enum class Severity : std::int32_t { note = 0, warning = 1, error = 2 };

inline entryc_str str(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view view(entryc_str s) { return {s.ptr ? s.ptr : "", s.len}; }

// A path into the document: Services[0].Consumers[1].Peer. Plugins make
// one for every value they might report on, so a short path lives inline
// (no allocation); a longer one spills to the heap.
class Path {
 public:
  Path() = default;
  explicit Path(std::string_view s) { append(s); }
  // Copies only the characters in use.
  Path(const Path& o) : size_(o.size_), heap_(o.heap_) { std::memcpy(inline_, o.inline_, o.size_); }
  Path(Path&& o) noexcept : size_(o.size_), heap_(std::move(o.heap_)) { std::memcpy(inline_, o.inline_, o.size_); }
  Path& operator=(const Path& o) {
    if (this != &o) {
      size_ = o.size_;
      std::memcpy(inline_, o.inline_, o.size_);
      heap_ = o.heap_;
    }
    return *this;
  }
  Path& operator=(Path&& o) noexcept {
    if (this != &o) {
      size_ = o.size_;
      std::memcpy(inline_, o.inline_, o.size_);
      heap_ = std::move(o.heap_);
    }
    return *this;
  }

  Path operator/(std::string_view key) const {
    Path p(*this);
    // Letters, digits, '_' and '-' need no quotes.
    static constexpr auto kPlain = [] {
      std::array<bool, 256> t{};
      for (unsigned c = 0; c < 256; ++c) {
        t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      }
      return t;
    }();
    bool plain = !key.empty();
    for (const char c : key) {
      if (!kPlain[static_cast<unsigned char>(c)]) {
        plain = false;
        break;
      }
    }
    if (plain) {
      if (!view().empty()) p.append(".");
      p.append(key);
      return p;
    }
    // ["key"], quoted the way nlohmann's dump() quotes a string.
    p.append("[\"");
    std::size_t run = 0;  // start of the characters not yet appended
    for (std::size_t i = 0; i < key.size(); ++i) {
      const auto c = static_cast<unsigned char>(key[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      p.append(key.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"': p.append("\\\""); break;
        case '\\': p.append("\\\\"); break;
        case '\b': p.append("\\b"); break;
        case '\f': p.append("\\f"); break;
        case '\n': p.append("\\n"); break;
        case '\r': p.append("\\r"); break;
        case '\t': p.append("\\t"); break;
        default: {
          const char u[] = {'\\', 'u', '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
          p.append(std::string_view(u, sizeof u));
        }
      }
    }
    p.append(key.substr(run));
    p.append("\"]");
    return p;
  }
  Path operator[](std::size_t i) const {
    char digits[24];
    std::size_t n = sizeof digits;
    digits[--n] = ']';
    do {
      digits[--n] = static_cast<char>('0' + i % 10);
      i /= 10;
    } while (i);
    digits[--n] = '[';
    Path p(*this);
    p.append(std::string_view(digits + n, sizeof digits - n));
    return p;
  }
  std::string_view view() const { return heap_.empty() ? std::string_view(inline_, size_) : heap_; }
  std::string str() const { return std::string(view()); }

 private:
  void append(std::string_view s) {
    if (heap_.empty() && size_ + s.size() <= sizeof inline_) {
      if (!s.empty()) std::memcpy(inline_ + size_, s.data(), s.size());
      size_ += s.size();
      return;
    }
    if (heap_.empty()) heap_.assign(inline_, size_);
    heap_ += s;
  }

  std::size_t size_ = 0;  // of inline_, while heap_ is empty
  char inline_[48];       // the first size_ are in use
  std::string heap_;
};

struct Document {
  std::string_view kind;
  const Value& json;         // the document, read-only (value.hpp)
  std::string_view edition;  // "ce" or "ent"
  std::string_view name;
  const Json& options;       // {"mode": "legacy"}, ... (an empty object when none)
  std::string_view text;     // the document as JSON text; empty when the host gave a tree
  bool enterprise() const { return edition == "ent"; }
  // The document as nlohmann JSON, for code that builds or changes JSON
  // (Normalize); made once, on first use.
  const Json& dom() const {
    return memo<Json>([&] { return text.empty() ? json.to_json() : read_json(text); });
  }
  std::string option(const char* key) const {
    auto it = options.find(key);
    return it != options.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  // What `make()` builds from this document, built once and shared by every
  // rule that checks it (a plugin's parsed view of the entry).
  template <typename T, typename Make>
  const T& memo(Make&& make) const {
    for (const auto& [type, value] : memo_) {
      if (*type == typeid(T)) return *static_cast<const T*>(value.get());
    }
    auto value = std::make_shared<const T>(make());
    memo_.emplace_back(&typeid(T), value);
    return *value;
  }

  mutable std::vector<std::pair<const std::type_info*, std::shared_ptr<const void>>> memo_ = {};
};

// Consul's Normalize() for a kind: the normalized document, or Consul's
// error (return false and set `error`). Return nullopt for kinds it does not
// handle.
struct Normalized {
  bool ok = true;
  Json json;
  std::string error;
};
using NormalizeFn = std::optional<Normalized> (*)(const Document&);

class Reporter;

// One diagnostic under construction; sent when it goes out of scope.
class Report {
 public:
  Report(Reporter& r, std::string_view rule, std::string path, std::string summary)
      : reporter_(&r), rule_(rule), path_(std::move(path)), summary_(std::move(summary)) {}
  Report(Report&& o) noexcept
      : reporter_(std::exchange(o.reporter_, nullptr)), rule_(o.rule_), path_(std::move(o.path_)),
        summary_(std::move(o.summary_)), detail_(std::move(o.detail_)), consul_(std::move(o.consul_)),
        note_(std::move(o.note_)), note_path_(std::move(o.note_path_)), target_(o.target_), severity_(o.severity_),
        order_(o.order_) {}
  Report(const Report&) = delete;
  Report& operator=(const Report&) = delete;
  Report& operator=(Report&&) = delete;
  ~Report();

  Report& detail(std::string d) { detail_ = std::move(d); return *this; }
  Report& consul(std::string c) { consul_ = std::move(c); return *this; }
  Report& at_key() { target_ = ENTRYC_TARGET_KEY; return *this; }
  Report& at_entry() { target_ = ENTRYC_TARGET_ENTRY; return *this; }
  Report& severity(Severity s) { severity_ = static_cast<std::int32_t>(s); return *this; }
  Report& note(std::string message, std::string path = {}) {
    note_ = std::move(message);
    note_path_ = std::move(path);
    return *this;
  }
  // Position in Consul's own validation order (lower first). Reports are
  // sent sorted by it, so that the first one carrying consul() text is the
  // error Consul itself would print. Unordered reports keep their order,
  // after the ordered ones.
  Report& order(long key) {
    order_ = key;
    return *this;
  }

 private:
  friend class Reporter;
  Reporter* reporter_;
  std::string_view rule_;
  std::string path_, summary_, detail_, consul_, note_, note_path_;
  std::int32_t target_ = ENTRYC_TARGET_VALUE;
  std::int32_t severity_ = -1;
  long order_ = std::numeric_limits<long>::max();
};

class Reporter {
 public:
  Reporter(const entryc_host* host, void* ctx) : host_(host), ctx_(ctx) {}
  // Reports under the rule currently running.
  Report report(const Path& path, std::string summary) {
    return Report(*this, rule_, std::string(path.view()), std::move(summary));
  }
  Report report(std::string_view path, std::string summary) {
    return Report(*this, rule_, std::string(path), std::move(summary));
  }
  void set_rule(std::string_view id) { rule_ = id; }

  // Sends the buffered reports to the host, ordered (see Report::order).
  void flush() {
    std::vector<std::size_t> idx(buffer_.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return buffer_[a].order_ < buffer_[b].order_; });
    for (const std::size_t i : idx) {
      const Report& b = buffer_[i];
      entryc_report r{};
      r.struct_size = sizeof r;
      r.rule_id = str(b.rule_);
      r.severity = b.severity_;
      r.path = str(b.path_);
      r.target = b.target_;
      r.summary = str(b.summary_);
      r.detail = str(b.detail_);
      r.consul_text = str(b.consul_);
      r.note = str(b.note_);
      r.note_path = str(b.note_path_);
      host_->report(ctx_, &r);
    }
    buffer_.clear();
  }

 private:
  friend class Report;
  const entryc_host* host_;
  void* ctx_;
  std::string_view rule_;
  std::vector<Report> buffer_;
};

inline Report::~Report() {
  if (!reporter_) return;
  Reporter* r = std::exchange(reporter_, nullptr);
  r->buffer_.push_back(std::move(*this));
}

class Rule {
 public:
  virtual ~Rule() = default;
  virtual void check(const Document& doc, Reporter& out) const = 0;
};

// Whether `word` is one of the space-separated words of `list` (a rule's kinds).
constexpr bool has_word(std::string_view list, std::string_view word) {
  while (!list.empty()) {
    const std::size_t sp = list.find(' ');
    if (list.substr(0, sp) == word) return true;
    if (sp == std::string_view::npos) break;
    list.remove_prefix(sp + 1);
  }
  return false;
}

struct RuleSpec {
  const char* id;
  const char* summary;
  Severity severity;
  const char* preset;  // "recommended" or "all"
  const char* kinds;   // space-separated
  const char* doc;     // Markdown
  std::unique_ptr<Rule> (*make)();
};

// Runs the rules of a plugin; used by ENTRYC_RULES_PLUGIN.
class RulesPlugin {
 public:
  RulesPlugin(const char* name, const char* version, NormalizeFn normalize, std::vector<RuleSpec> specs)
      : name_(name), version_(version), normalize_(normalize), specs_(std::move(specs)) {
    for (const RuleSpec& s : specs_) {
      entryc_rule_info i{};
      i.struct_size = sizeof i;
      i.id = str(s.id);
      i.summary = str(s.summary);
      i.severity = static_cast<std::int32_t>(s.severity);
      i.preset = str(s.preset);
      i.kinds = str(s.kinds);
      i.doc = str(s.doc);
      infos_.push_back(i);
      rules_.push_back(s.make());
    }
    desc_.struct_size = sizeof desc_;
    desc_.abi_version = ENTRYC_PLUGIN_ABI_VERSION;
    desc_.name = str(name_);
    desc_.version = str(version_);
    desc_.kind = ENTRYC_PLUGIN_RULES;
    desc_.rules = infos_.data();
    desc_.rule_count = infos_.size();
    desc_.check = &RulesPlugin::check_thunk;
    desc_.normalize = normalize_ ? &RulesPlugin::normalize_thunk : nullptr;
  }

  const entryc_plugin* descriptor() const { return &desc_; }
  static RulesPlugin*& instance() {
    static RulesPlugin* p = nullptr;
    return p;
  }

 private:
  static Json options_of(const entryc_document* doc) {
    if (doc->struct_size < offsetof(entryc_document, options) + sizeof(entryc_str) || doc->options.len == 0) {
      return Json::object();
    }
    return read_json(view(doc->options));
  }

  // The document's tree: the host's (ABI 3), or parsed from its JSON text into `tree`.
  static const Value& root_of(const entryc_document* doc, std::optional<Tree>& tree) {
    if (doc->struct_size >= offsetof(entryc_document, root) + sizeof doc->root && doc->root) {
      return Value::of(*doc->root);
    }
    return tree.emplace(view(doc->json)).root();
  }

  static int normalize_thunk(const entryc_document* doc, entryc_str* out, entryc_str* error) {
    static thread_local std::string result, last_error;
    try {
      RulesPlugin& self = *instance();
      std::optional<Tree> tree;
      const Json options = options_of(doc);
      const Document d{view(doc->kind), root_of(doc, tree), view(doc->edition), view(doc->name), options,
                       view(doc->json)};
      std::optional<Normalized> n = self.normalize_(d);
      if (!n) return 1;
      if (!n->ok) {
        last_error = std::move(n->error);
        *error = str(last_error);
        return 2;
      }
      result = n->json.dump();
      *out = str(result);
      return 0;
    } catch (const std::exception& e) {
      last_error = std::string("normalize failed: ") + e.what();
    } catch (...) {
      last_error = "normalize failed with an unknown exception";
    }
    *error = str(last_error);
    return 3;
  }

  static int check_thunk(const entryc_host* host, void* ctx, const entryc_document* doc, entryc_str* error) {
    static thread_local std::string last_error;
    try {
      RulesPlugin& self = *instance();
      std::optional<Tree> tree;
      const Json options = options_of(doc);
      const Document d{view(doc->kind), root_of(doc, tree), view(doc->edition), view(doc->name), options,
                       view(doc->json)};
      const std::string_view skip =
          doc->struct_size >= offsetof(entryc_document, skip) + sizeof(entryc_str) ? view(doc->skip) : "";
      Reporter out(host, ctx);
      for (std::size_t i = 0; i < self.rules_.size(); ++i) {
        if (!has_word(self.specs_[i].kinds, d.kind) || has_word(skip, self.specs_[i].id)) continue;
        out.set_rule(self.specs_[i].id);
        try {
          self.rules_[i]->check(d, out);
        } catch (const std::exception& e) {
          out.flush();
          last_error = std::string("rule ") + self.specs_[i].id + " failed: " + e.what();
          *error = str(last_error);
          return 1;
        }
      }
      out.flush();
      return 0;
    } catch (const std::exception& e) {
      last_error = std::string("plugin failed: ") + e.what();
    } catch (...) {
      last_error = "plugin failed with an unknown exception";
    }
    *error = str(last_error);
    return 1;
  }

  std::string name_, version_;
  NormalizeFn normalize_ = nullptr;
  std::vector<RuleSpec> specs_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<entryc_rule_info> infos_;
  entryc_plugin desc_{};
};

template <typename T>
std::unique_ptr<Rule> make_rule() {
  return std::make_unique<T>();
}

// The manifest of a table of rules (ENTRYC_PLUGIN_MANIFEST_SYMBOL), built at
// compile time by ENTRYC_RULES_PLUGIN: "kinds K...\nrules R...\n", each kind
// once, in the order the rules name them.
namespace manifest_detail {

// Writes the manifest to `out` (when not null); returns its size with the NUL.
template <std::size_t M>
constexpr std::size_t write(const RuleSpec (&specs)[M], char* out) {
  std::size_t n = 0;
  auto put = [&](std::string_view s) {
    for (char c : s) {
      if (out) out[n] = c;
      ++n;
    }
  };
  put("kinds");
  for (std::size_t i = 0; i < M; ++i) {
    const std::string_view kinds = specs[i].kinds;
    for (std::size_t at = 0; at < kinds.size();) {
      const std::size_t end = std::min(kinds.find(' ', at), kinds.size());
      const std::string_view kind = kinds.substr(at, end - at);
      bool seen = has_word(kinds.substr(0, at), kind);
      for (std::size_t j = 0; j < i && !seen; ++j) seen = has_word(specs[j].kinds, kind);
      if (!kind.empty() && !seen) {
        put(" ");
        put(kind);
      }
      at = end + 1;
    }
  }
  put("\nrules");
  for (const RuleSpec& s : specs) {
    put(" ");
    put(s.id);
  }
  put("\n");
  if (out) out[n] = '\0';
  return n + 1;
}

template <std::size_t N>
struct Text {
  char text[N];
};

template <std::size_t N, std::size_t M>
constexpr Text<N> make(const RuleSpec (&specs)[M]) {
  Text<N> t{};
  write(specs, t.text);
  return t;
}

}  // namespace manifest_detail

}  // namespace entryc::sdk

#define ENTRYC_RULE(Class, id, severity, preset, kinds, summary, doc) \
  ::entryc::sdk::RuleSpec { id, summary, ::entryc::sdk::Severity::severity, preset, kinds, doc, &::entryc::sdk::make_rule<Class> }

// Defines the plugin entry point for a table of rules, and its manifest (the
// kinds and rule ids, readable without loading the library); `normalize` is a
// NormalizeFn or nullptr. A host that loads plugins by their manifest (lint)
// asks a plugin to normalize only kinds its rules name.
#define ENTRYC_RULES_PLUGIN(name, version, normalize, ...)                                                 \
  namespace {                                                                                              \
  constexpr ::entryc::sdk::RuleSpec entryc_rule_specs[] = {__VA_ARGS__};                                   \
  constexpr std::size_t entryc_manifest_size = ::entryc::sdk::manifest_detail::write(entryc_rule_specs, nullptr); \
  }                                                                                                        \
  extern "C" {                                                                                             \
  extern ENTRYC_PLUGIN_EXPORT const ::entryc::sdk::manifest_detail::Text<entryc_manifest_size>             \
      entryc_plugin_manifest;                                                                              \
  }                                                                                                        \
  extern "C" constexpr ::entryc::sdk::manifest_detail::Text<entryc_manifest_size> entryc_plugin_manifest = \
      ::entryc::sdk::manifest_detail::make<entryc_manifest_size>(entryc_rule_specs);                       \
  extern "C" ENTRYC_PLUGIN_EXPORT const entryc_plugin* entryc_plugin_entry(uint32_t host_abi_version) {      \
    (void)host_abi_version;                                                                                \
    static ::entryc::sdk::RulesPlugin plugin(                                                              \
        name, version, normalize,                                                                          \
        std::vector<::entryc::sdk::RuleSpec>(std::begin(entryc_rule_specs), std::end(entryc_rule_specs))); \
    ::entryc::sdk::RulesPlugin::instance() = &plugin;                                                      \
    return plugin.descriptor();                                                                            \
  }
