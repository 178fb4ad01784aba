#include "url.hpp"

#include <gtest/gtest.h>

namespace entryc::consul_http {
namespace {

TEST(Url, SegmentsKeepOnlyUnreservedCharacters) {
  EXPECT_EQ(escape_segment("backend-service"), "backend-service");
  EXPECT_EQ(escape_segment("a.b_c~d"), "a.b_c~d");
  EXPECT_EQ(escape_segment("web api"), "web%20api");
  EXPECT_EQ(escape_segment("team/web"), "team%2Fweb");
  EXPECT_EQ(escape_segment("$x"), "%24x");
  EXPECT_EQ(escape_segment("\xc3\xa9"), "%C3%A9");
}

TEST(Url, QueryKeysAreSortedLikeGoUrlValues) {
  EXPECT_EQ(query_string({}), "");
  EXPECT_EQ(query_string({{"partition", "finance"}, {"ns", "payments"}, {"cas", "12"}}),
            "?cas=12&ns=payments&partition=finance");
  EXPECT_EQ(query_string({{"partition", "a b"}}), "?partition=a%20b");
}

}  // namespace
}  // namespace entryc::consul_http
