// Small pieces the runtime model shares: interned names, hash keys, Go-style
// text helpers and the deterministic random source behind IDs and secrets.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace entryc::runtime {

using Json = nlohmann::ordered_json;

// Names are interned once so that the decision path compares integers.
using Id = std::uint32_t;
inline constexpr Id kNoId = 0xffffffffU;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// A fast, non-cryptographic hash of a short string (8 bytes at a time).
std::uint64_t hash_bytes(std::string_view s);

// Names are interned in one open-addressing table (a lookup is the slot and
// the name's own storage: two cache lines, where std::unordered_map needs a
// bucket, a node and often a chain).
class Interner {
 public:
  Id intern(std::string_view s);
  // kNoId when `s` was never interned: it then equals no stored name.
  Id find(std::string_view s) const {
    if (slots_.empty()) return kNoId;
    const std::uint64_t h = hash_bytes(s);
    const std::uint64_t tag = h >> 32;
    for (std::size_t i = static_cast<std::size_t>(h) & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return kNoId;
      if ((slot >> 32) == tag) {
        const Id id = static_cast<Id>(slot & 0xffffffffU) - 1;
        if (names_[id] == s) return id;
      }
    }
  }
  const std::string& name(Id id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  void place(std::uint64_t h, Id id);
  std::vector<std::string> names_;
  std::vector<std::uint64_t> slots_;  // (hash >> 32) << 32 | (id + 1); 0: empty
  std::size_t mask_ = 0;
};

inline std::uint64_t pack(Id hi, Id lo) { return (std::uint64_t{hi} << 32) | lo; }

// A three-name key (peer, namespace, service ...).
struct Key3 {
  Id a = kNoId, b = kNoId, c = kNoId;
  friend bool operator==(const Key3&, const Key3&) = default;
};
struct Key3Hash {
  std::size_t operator()(const Key3& k) const noexcept {
    std::uint64_t h = pack(k.a, k.b) * 0x9E3779B97F4A7C15ULL;
    h ^= (std::uint64_t{k.c} + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

// An open-addressing hash map from a 64-bit key to a 32-bit value: one
// probe sequence in one flat array, so a lookup costs about one cache miss
// (std::unordered_map costs a bucket and a node). ~0 is not a valid key.
class FlatMap {
 public:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

  const std::uint32_t* find(std::uint64_t key) const {
    if (slots_.empty() || key == kEmpty) return nullptr;
    for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }
  void set(std::uint64_t key, std::uint32_t value);
  void erase(std::uint64_t key);
  std::size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }
  template <typename F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.key != kEmpty) f(s.key, s.value);
    }
  }

 private:
  struct Slot {
    std::uint64_t key = kEmpty;
    std::uint32_t value = 0;
  };
  std::size_t slot(std::uint64_t key) const {
    key ^= key >> 31;
    key *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(key >> 17) & mask_;
  }
  void grow();
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

// --- text ------------------------------------------------------------------

std::string lower(std::string_view s);
// Go's strings.EqualFold restricted to ASCII, which is all our keys need.
bool equal_fold(std::string_view a, std::string_view b);
// Go's %q.
std::string go_quote(std::string_view s);
// go-multierror's format: "1 error occurred:\n\t* a\n\n".
std::string multierror(const std::vector<std::string>& errors);
// A JSON value's type as Go's encoding/json names it in unmarshal errors.
const char* json_kind(const Json& v);

std::uint64_t fnv1a64(std::string_view s);

// --- randomness and time ---------------------------------------------------

// splitmix64: IDs and secrets only need to be unique and random-looking; a
// seed makes them reproducible for tests.
class Rng {
 public:
  Rng();  // seeded from std::random_device
  void seed(std::uint64_t s) { state_ = s; }
  std::uint64_t next();
  std::string uuid_v4();

 private:
  std::uint64_t state_ = 0;
};

// A UUID-shaped name derived from `text` (stable across runs).
std::string stable_uuid(std::string_view text);

// RFC 3339 in UTC with a 'Z', seconds precision: "2025-01-01T00:00:00Z".
std::string rfc3339(std::int64_t unix_seconds);

}  // namespace entryc::runtime
