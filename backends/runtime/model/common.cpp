#include "common.hpp"

#include <fmt/format.h>

#include <cstring>
#include <ctime>
#include <random>

namespace entryc::runtime {

std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  std::uint64_t v = 0;
  std::memcpy(&v, p, n);
  h = (h ^ v) * 0x94D049BB133111EBULL;
  h ^= h >> 32;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 29);
}

void Interner::place(std::uint64_t h, Id id) {
  for (std::size_t i = static_cast<std::size_t>(h) & mask_;; i = (i + 1) & mask_) {
    if (slots_[i] == 0) {
      slots_[i] = ((h >> 32) << 32) | (std::uint64_t{id} + 1);
      return;
    }
  }
}

Id Interner::intern(std::string_view s) {
  if (const Id id = find(s); id != kNoId) return id;
  if ((names_.size() + 1) * 2 > slots_.size()) {
    slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, 0);
    mask_ = slots_.size() - 1;
    for (Id i = 0; i < names_.size(); ++i) place(hash_bytes(names_[i]), i);
  }
  const Id id = static_cast<Id>(names_.size());
  names_.emplace_back(s);
  place(hash_bytes(s), id);
  return id;
}

void FlatMap::set(std::uint64_t key, std::uint32_t value) {
  if (key == kEmpty) return;  // pack(kNoId, kNoId) names nothing
  if ((size_ + 1) * 2 > slots_.size()) grow();
  for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
    if (slots_[i].key == key) {
      slots_[i].value = value;
      return;
    }
    if (slots_[i].key == kEmpty) {
      slots_[i] = Slot{key, value};
      ++size_;
      return;
    }
  }
}

void FlatMap::erase(std::uint64_t key) {
  if (slots_.empty()) return;
  std::size_t i = slot(key);
  while (slots_[i].key != key) {
    if (slots_[i].key == kEmpty) return;
    i = (i + 1) & mask_;
  }
  // Backward-shift deletion: no tombstones, probe sequences stay short.
  for (std::size_t j = (i + 1) & mask_; slots_[j].key != kEmpty; j = (j + 1) & mask_) {
    const std::size_t home = slot(slots_[j].key);
    // Move slots_[j] into the hole at i when its home is not in (i, j].
    const bool in_range = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!in_range) {
      slots_[i] = slots_[j];
      i = j;
    }
  }
  slots_[i] = Slot{};
  --size_;
}

void FlatMap::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  mask_ = slots_.size() - 1;
  size_ = 0;
  for (const Slot& s : old) {
    if (s.key != kEmpty) set(s.key, s.value);
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += ch;  // printable ASCII and UTF-8 pass through, as %q does for valid runes
        }
    }
  }
  out += '"';
  return out;
}

std::string multierror(const std::vector<std::string>& errors) {
  std::string out = errors.size() == 1 ? "1 error occurred:\n" : fmt::format("{} errors occurred:\n", errors.size());
  for (const std::string& e : errors) out += "\t* " + e + "\n";
  out += "\n";
  return out;
}

const char* json_kind(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "bool";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  return "null";
}

std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

Rng::Rng() {
  std::random_device rd;
  state_ = (std::uint64_t{rd()} << 32) ^ rd();
}

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

namespace {
std::string format_uuid(std::uint64_t hi, std::uint64_t lo) {
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                     lo & 0xFFFFFFFFFFFFULL);
}
}  // namespace

std::string Rng::uuid_v4() {
  const std::uint64_t hi = next();
  return format_uuid(hi, next());
}

std::string stable_uuid(std::string_view text) {
  const std::uint64_t hi = fnv1a64(text);
  const std::string salted = std::string(text) + "\x01";
  return format_uuid(hi, fnv1a64(salted) * 0x9E3779B97F4A7C15ULL);
}

std::string rfc3339(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

}  // namespace entryc::runtime
