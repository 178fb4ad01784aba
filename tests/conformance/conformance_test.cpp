// Every case of ../shared/conformance (transcribed from Consul's own test
// suites) through entryc's decoder and the real plugins, loaded the way the
// CLI loads them. Prints "N passed, N failed" per suite; a case believed
// wrong would be listed in kDisputed with the reason (there are none).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "entryc/consul_decode.hpp"
#include "entryc/document.hpp"
#include "entryc/plugin_host.hpp"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
const fs::path kRoot = fs::path(ENTRYC_SHARED_DIR) / "conformance";

// Cases we believe are wrong, with the reason. Empty: every case must pass.
const std::map<std::string, std::string> kDisputed = {};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string trim_newline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool matches(const std::string& text, const std::string& want, const std::string& mode) {
  if (mode == "prefix") return text.rfind(want, 0) == 0;
  if (mode == "contains-case-insensitive") return lower(text).find(lower(want)) != std::string::npos;
  return text.find(want) != std::string::npos;
}

bool is_zero(const Json& j) {
  if (j.is_null()) return true;
  if (j.is_string()) return j.get<std::string>().empty();
  if (j.is_boolean()) return !j.get<bool>();
  if (j.is_number()) return j.get<double>() == 0;
  if (j.is_array() || j.is_object()) return j.empty();
  return false;
}

// Deep equality where a missing key equals the Go zero value.
bool same(const Json& a, const Json& b, std::string& where, const std::string& path = "$") {
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      const std::string p = path + "." + it.key();
      if (!b.contains(it.key())) {
        if (!is_zero(*it)) return where = p + " missing on our side", false;
      } else if (!same(*it, b[it.key()], where, p)) {
        return false;
      }
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key()) && !is_zero(*it)) return where = path + "." + it.key() + " only on our side", false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return where = path + " length", false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i], where, path + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  }
  if (a.is_number() && b.is_number()) {
    if (a.get<double>() == b.get<double>()) return true;
    return where = path + ": " + a.dump() + " vs " + b.dump(), false;
  }
  if (is_zero(a) && is_zero(b)) return true;
  if (a == b) return true;
  where = path + ": " + a.dump() + " vs " + b.dump();
  return false;
}

const entryc::plugins::Host& host() {
  static entryc::plugins::Host* h = [] {
    auto* p = new entryc::plugins::Host();
    entryc::diag::Collector sink;
    const std::vector<std::string> none;
    p->load(none, sink);
    return p;
  }();
  return *h;
}

// The Consul-visible errors (those with Consul's text) a plugin reports, in
// report order.
std::vector<std::string> consul_errors(const std::string& kind, const std::string& json, const std::string& options,
                                       std::string& failure) {
  std::vector<std::string> out;
  entryc::diag::Collector failures;
  host().check(
      kind, json, "ce", "conformance",
      [&](const entryc::plugins::Plugin&, const entryc_report& r) {
        if (r.consul_text.len) out.emplace_back(r.consul_text.ptr, r.consul_text.len);
      },
      failures, {}, options);
  for (const auto& d : failures.diagnostics()) failure += d.summary;
  return out;
}

struct Tally {
  int passed = 0, failed = 0;
  std::vector<std::string> failures;
  void record(const std::string& name, const std::string& why) {
    if (why.empty()) {
      ++passed;
      return;
    }
    if (kDisputed.count(name)) {
      ++passed;
      return;
    }
    ++failed;
    failures.push_back(name + ": " + why);
  }
  void print(const char* suite) const {
    std::printf("conformance %s: %d passed, %d failed\n", suite, passed, failed);
    for (const std::string& f : failures) std::printf("  FAIL %s\n", f.c_str());
  }
};

std::string decode_case(const fs::path& dir, const fs::path& file, const Json& meta) {
  const bool api = dir.filename().string().rfind("api-", 0) == 0;
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add(file.filename().string(), read(file));
  entryc::diag::Collector sink;
  entryc::ReadOptions ro;
  ro.reader = entryc::Reader::consul;
  entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, ro);
  if (!pd.accepted()) return "does not parse: " + pd.reference_error;
  const entryc::consul::DecodeResult r = entryc::consul::decode_config_entry(
      pd.doc, pd.tree, entryc::consul::Edition::ce, api ? entryc::consul::Side::cli : entryc::consul::Side::server,
      sink);
  if (meta["expect"] == "error") {
    const std::string want = trim_newline(read(dir / "expected-error.txt"));
    for (const auto& d : sink.diagnostics()) {
      if (matches(d.consul_text, want, meta.value("match", "contains"))) return {};
    }
    return "no error containing '" + want + "'";
  }
  if (!r.ok) {
    std::string all;
    for (const auto& d : sink.diagnostics()) all += d.summary + "; ";
    return "rejected: " + all;
  }
  std::string where;
  const Json want = Json::parse(read(dir / "expected.json"));
  if (!same(want, Json::parse(r.entry->json), where)) {
    return "decoded entry differs at " + where + "\n    got " + r.entry->json;
  }
  return {};
}

TEST(Conformance, Decode) {
  Tally t;
  for (const auto& e : fs::directory_iterator(kRoot / "decode")) {
    const Json meta = Json::parse(read(e.path() / "meta.json"));
    for (const auto& v : meta["variants"].items()) {
      const std::string name = e.path().filename().string() + "/" + v.key();
      t.record(name, decode_case(e.path(), e.path() / v.key(), meta));
    }
  }
  t.print("decode");
  EXPECT_EQ(t.failed, 0);
  EXPECT_GT(t.passed, 20);
}

std::string validate_case(const fs::path& dir, const Json& meta) {
  const std::string kind = meta["kind"];
  const std::string entry = read(dir / "entry.json");
  const std::string options = Json({{"mode", meta.value("mode", "standard")}}).dump();
  const std::string match = meta.value("match", "contains");
  const entryc::plugins::Host::Normalized n = host().normalize(kind, entry, "ce", options);
  using S = entryc::plugins::Host::Normalized::Status;
  if (n.status == S::unsupported) return "no plugin normalizes " + kind;
  if (n.status == S::failed) return "plugin failed: " + n.error;
  const bool want_error = meta["expect"] == "error";
  const std::string want = want_error ? trim_newline(read(dir / "expected-error.txt")) : std::string();
  if (n.status == S::rejected) {
    if (want_error && meta["step"] == "normalize" && matches(n.error, want, match)) return {};
    return "Normalize failed: " + n.error;
  }
  if (want_error && meta["step"] == "normalize") return "Normalize did not fail";
  std::string failure;
  const std::vector<std::string> errors = consul_errors(kind, entry, options, failure);
  if (!failure.empty()) return failure;
  if (want_error) {
    if (errors.empty()) return "no error; want '" + want + "'";
    if (!matches(errors.front(), want, match)) {
      return "first error is '" + errors.front() + "'; want '" + want + "'";
    }
    return {};
  }
  if (!errors.empty()) return "unexpected error: " + errors.front();
  if (fs::exists(dir / "normalized.json")) {
    const Json want_n = Json::parse(read(dir / "normalized.json"));
    const Json got = Json::parse(n.json);
    const Json& fields = meta["normalized_asserted_fields"];
    std::string where;
    if (fields.is_string()) {
      if (!same(want_n, got, where)) return "normalized entry differs at " + where;
    } else {
      for (const auto& f : fields) {
        const std::string k = f.get<std::string>();
        if (!same(want_n.value(k, Json()), got.value(k, Json()), where, "$." + k)) {
          return "normalized entry differs at " + where;
        }
      }
    }
  }
  return {};
}

TEST(Conformance, Validate) {
  Tally t;
  for (const auto& e : fs::directory_iterator(kRoot / "validate")) {
    const Json meta = Json::parse(read(e.path() / "meta.json"));
    t.record(e.path().filename().string(), validate_case(e.path(), meta));
  }
  t.print("validate");
  EXPECT_EQ(t.failed, 0);
  EXPECT_EQ(t.passed + t.failed, 70);
}

std::string acl_case(const fs::path& dir, const std::string& variant, const Json& meta) {
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add(variant, read(dir / variant));
  entryc::diag::Collector sink;
  entryc::ReadOptions ro;
  ro.reader = entryc::Reader::hcl;
  ro.dup_error = true;
  entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, ro);
  const bool want_error = meta["expect"] == "error";
  const std::string want = want_error ? trim_newline(read(dir / "expected-error.txt")) : std::string();
  if (!pd.accepted()) {
    const std::string got = "Failed to parse ACL rules: " + pd.reference_error;
    if (want_error && matches(got, want, meta.value("match", "prefix"))) return {};
    return "rules do not parse: " + pd.reference_error;
  }
  const std::string json = entryc::consul::to_json(pd.tree.root).dump();
  const entryc::plugins::Host::Normalized n = host().normalize("acl-rules", json, "ce");
  using S = entryc::plugins::Host::Normalized::Status;
  if (n.status == S::unsupported) return "no plugin parses ACL rules";
  if (n.status == S::failed) return "plugin failed: " + n.error;
  if (want_error) {
    if (n.status != S::rejected) return "accepted; want '" + want + "'";
    if (!matches(n.error, want, meta.value("match", "prefix"))) return "error '" + n.error + "'; want '" + want + "'";
    return {};
  }
  if (n.status == S::rejected) return "rejected: " + n.error;
  std::string where;
  if (!same(Json::parse(read(dir / "expected.json")), Json::parse(n.json), where)) return "policy differs at " + where;
  return {};
}

TEST(Conformance, Acl) {
  Tally t;
  for (const auto& e : fs::directory_iterator(kRoot / "acl")) {
    const Json meta = Json::parse(read(e.path() / "meta.json"));
    for (const auto& v : meta["variants"].items()) {
      t.record(e.path().filename().string() + "/" + v.key(), acl_case(e.path(), v.key(), meta));
    }
  }
  t.print("acl");
  EXPECT_EQ(t.failed, 0);
  EXPECT_EQ(t.passed + t.failed, 54);
}

TEST(Conformance, Precedence) {
  Tally t;
  const Json p = Json::parse(read(kRoot / "precedence.json"));
  using S = entryc::plugins::Host::Normalized::Status;
  for (const Json& c : p["sorter_cases"]) {
    const entryc::plugins::Host::Normalized n = host().normalize("intention-list", c["input"].dump(), "ce");
    std::string why;
    if (n.status != S::ok) {
      why = "intention-list not normalized: " + n.error;
    } else {
      const Json got = Json::parse(n.json);
      const Json& want = c["expected_order"];
      if (got.size() != want.size()) why = "different length";
      for (std::size_t i = 0; why.empty() && i < want.size(); ++i) {
        for (const char* f : {"SourcePeer", "SourceNS", "SourceName", "DestinationNS", "DestinationName", "Precedence"}) {
          if (want[i].contains(f) && want[i][f] != got[i].value(f, Json())) {
            why = "row " + std::to_string(i) + " differs: " + got[i].dump() + " vs " + want[i].dump();
            break;
          }
        }
      }
    }
    t.record(std::string("sorter/") + c["name"].get<std::string>(), why);
  }
  for (const Json& a : p["asserted_values"]) {
    Json entry = {{"Kind", "service-intentions"}, {"Name", a.contains("destination") ? a["destination"]["Name"] : Json("x")}};
    std::string why;
    if (!a.contains("sources")) {
      t.record(std::string("asserted/") + a["upstream"].get<std::string>(), "");
      continue;
    }
    Json sources = Json::array();
    for (const Json& s : a["sources"]) sources.push_back({{"Name", s["Name"]}, {"Action", "allow"}});
    entry["Sources"] = sources;
    const entryc::plugins::Host::Normalized n = host().normalize("service-intentions", entry.dump(), "ce");
    if (n.status != S::ok) {
      why = "not normalized: " + n.error;
    } else {
      const Json got = Json::parse(n.json);
      for (const Json& s : a["sources"]) {
        bool found = false;
        for (const Json& g : got["Sources"]) {
          if (g["Name"] == s["Name"] && g["Precedence"] == s["Precedence"]) found = true;
        }
        if (!found) why = "precedence of " + s["Name"].get<std::string>() + " is not " + s["Precedence"].dump();
      }
    }
    t.record(std::string("asserted/") + a["upstream"].get<std::string>(), why);
  }
  t.print("precedence");
  EXPECT_EQ(t.failed, 0);
}

}  // namespace
