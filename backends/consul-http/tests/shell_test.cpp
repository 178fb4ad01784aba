#include "shell.hpp"

#include <gtest/gtest.h>

namespace entryc::consul_http {
namespace {

TEST(Shell, PlainWordsStayBare) {
  EXPECT_EQ(shell_word("cluster-02"), "cluster-02");
  EXPECT_EQ(shell_word("-modify-index=12"), "-modify-index=12");
  EXPECT_EQ(shell_word("https://consul.dc1.example:8501"), "https://consul.dc1.example:8501");
}

TEST(Shell, EverythingElseIsSingleQuoted) {
  EXPECT_EQ(shell_word(""), "''");
  EXPECT_EQ(shell_word("a b"), "'a b'");
  EXPECT_EQ(shell_word("$HOME"), "'$HOME'");
  EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_word("~/ca.pem"), "'~/ca.pem'");
}

TEST(Shell, PrintfLiteralsEscapePercentAndBackslash) {
  EXPECT_EQ(printf_literal(R"({"a":"50%"})"), R"({"a":"50%%"})");
  EXPECT_EQ(printf_literal(R"("a\"b")"), R"("a\\"b")");
}

}  // namespace
}  // namespace entryc::consul_http
