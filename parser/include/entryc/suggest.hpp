// "Did you mean ...?" for every place a user can mistype a name.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace entryc {

// Case-insensitive Levenshtein distance over bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate at edit distance < 3 (and less than the word's
// length), or nothing.
std::optional<std::string> suggest(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace entryc
