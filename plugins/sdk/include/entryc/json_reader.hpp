// Reading JSON text into nlohmann::ordered_json, fast.
//
// nlohmann's own DOM builder inserts each member into its object as it is
// read. An ordered_json object is a vector of pair<const string, json>: the
// pair cannot be moved, so every time the vector grows, the members read so
// far are deep-copied (with everything under them), and every insertion
// searches the members for the same key. read_json() collects each
// container's members first and builds it once, at its final size; the
// result is the same as Json::parse (a repeated key keeps its first
// position and its last value).
#pragma once

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace entryc::sdk {

namespace json_detail {

using Json = nlohmann::ordered_json;

class Builder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool v) { return add(Json(v)); }
  bool number_integer(number_integer_t v) { return add(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return add(Json(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) { return add(Json(v)); }
  bool string(string_t& v) { return add(Json(std::move(v))); }
  bool binary(binary_t& v) { return add(Json::binary(std::move(v))); }

  bool start_object(std::size_t /*elements*/) { return open(); }
  bool key(string_t& k) {
    frames_[depth_ - 1].keys.push_back(std::move(k));
    return true;
  }
  bool end_object() {
    Frame& f = frames_[depth_ - 1];
    Json j(Json::value_t::object);
    auto& members = j.get_ref<Json::object_t&>();
    members.reserve(f.values.size());
    if (f.values.size() <= 16) {
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        auto same = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == f.keys[i]; });
        if (same != members.end()) {
          same->second = std::move(f.values[i]);
        } else {
          members.emplace_back(std::move(f.keys[i]), std::move(f.values[i]));
        }
      }
    } else {
      std::unordered_map<std::string_view, std::size_t> seen;
      seen.reserve(f.values.size());
      // Keys are views of the members' own keys: reserved above, they do not move.
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        const auto at = seen.find(f.keys[i]);
        if (at != seen.end()) {
          (members.begin() + static_cast<std::ptrdiff_t>(at->second))->second = std::move(f.values[i]);
          continue;
        }
        members.emplace_back(std::move(f.keys[i]), std::move(f.values[i]));
        seen.emplace(members.back().first, members.size() - 1);
      }
    }
    return close(std::move(j));
  }
  bool start_array(std::size_t /*elements*/) { return open(); }
  bool end_array() { return close(Json(std::move(frames_[depth_ - 1].values))); }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const nlohmann::detail::exception& e) {
    error_ = e.what();
    return false;
  }

  Json take() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    std::vector<string_t> keys;  // objects: one per value
    std::vector<Json> values;
  };

  bool open() {
    // Frames are reused across containers at the same depth, keeping their capacity.
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.keys.clear();
    f.values.clear();
    return true;
  }
  bool close(Json value) {
    --depth_;
    return add(std::move(value));
  }
  bool add(Json value) {
    if (depth_ == 0) {
      root_ = std::move(value);
    } else {
      frames_[depth_ - 1].values.push_back(std::move(value));
    }
    return true;
  }

  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  Json root_;
  std::string error_;
};

}  // namespace json_detail

// JSON text -> ordered_json; throws std::invalid_argument with nlohmann's
// message when the text is not JSON.
inline nlohmann::ordered_json read_json(std::string_view text) {
  json_detail::Builder b;
  if (!nlohmann::ordered_json::sax_parse(text, &b)) throw std::invalid_argument(b.error());
  return b.take();
}

}  // namespace entryc::sdk
