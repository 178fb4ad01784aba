// utf8::first_invalid skips ASCII a word (and four words) at a time: it must
// find the same byte as decoding rune by rune, wherever the first invalid
// byte falls against those strides. utf8::strings_valid says a source text's
// strings need no check only when no escape can make a byte of its own.
#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "entryc/utf8.hpp"

namespace {

using entryc::utf8::first_invalid;
using entryc::utf8::strings_valid;

std::size_t rune_by_rune(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const entryc::utf8::Decoded d = entryc::utf8::decode(s, i);
    if (d.rune == entryc::utf8::kRuneError && d.size == 1) return i;
    i += d.size;
  }
  return std::string_view::npos;
}

TEST(Utf8FirstInvalid, FindsTheByteWhereverItFalls) {
  for (std::size_t at = 0; at < 80; ++at) {
    std::string s(100, 'a');
    EXPECT_EQ(first_invalid(s), std::string_view::npos);
    s[at] = '\xff';
    EXPECT_EQ(first_invalid(s), at) << at;
    s[at] = '\xc3';  // a lead byte without its continuation
    EXPECT_EQ(first_invalid(s), at) << at;
    s.replace(at, 2, "\xc3\xa9");  // é: valid again
    EXPECT_EQ(first_invalid(s), std::string_view::npos) << at;
  }
  EXPECT_EQ(first_invalid(""), std::string_view::npos);
  EXPECT_EQ(first_invalid(std::string(40, 'x') + "\xe2\x82"), 40u);  // cut short at the end
  EXPECT_EQ(first_invalid("\xed\xa0\x80"), 0u);                      // a surrogate
}

TEST(Utf8FirstInvalid, AgreesWithDecodingRuneByRune) {
  std::mt19937 rng(7);
  const std::string_view pieces[] = {"a",    "bcdefgh", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                     "\xff", "\x80",    "\xc3",     "\xe2\x82",     std::string_view("\0", 1)};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      // Mostly ASCII, as real text is.
      const std::size_t p = rng() % 8 < 6 ? rng() % 2 : rng() % std::size(pieces);
      s += pieces[p];
    }
    ASSERT_EQ(first_invalid(s), rune_by_rune(s)) << s;
  }
}

TEST(Utf8StringsValid, OnlyWhenNoEscapeMakesAByteOrARune) {
  EXPECT_TRUE(strings_valid("Name = \"web\"\nMeta { a = \"\\\"q\\\" \\n \\\\x\" }"));
  EXPECT_TRUE(strings_valid("Name = \"caf\xc3\xa9\""));
  EXPECT_FALSE(strings_valid("Name = \"caf\xe9\""));  // Latin-1 source
  EXPECT_FALSE(strings_valid("Name = \"\\xff\""));
  EXPECT_FALSE(strings_valid("Name = \"\\377\""));
  EXPECT_FALSE(strings_valid("Name = \"\\ud800\""));
  EXPECT_FALSE(strings_valid("Name = \"\\U0001F600\""));
  EXPECT_TRUE(strings_valid("a = \"x\\\\\"\n\\"));  // an escaped backslash; a lone one at the end
}

}  // namespace
