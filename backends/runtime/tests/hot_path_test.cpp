// allowed() must not allocate: this binary counts every operator new.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "support.hpp"

// Sanitizers bring their own operator new; counting is for plain builds.
#if defined(__SANITIZE_ADDRESS__)
#define ENTRYC_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ENTRYC_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef ENTRYC_COUNT_ALLOCATIONS
#define ENTRYC_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

#if ENTRYC_COUNT_ALLOCATIONS
// GCC pairs the replaced operators with malloc/free when it inlines them and
// calls that a mismatch; replacing both sides is exactly what is allowed.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace entryc::runtime {
namespace {

TEST(HotPath, AllowedDoesNotAllocate) {
  if (!ENTRYC_COUNT_ALLOCATIONS) GTEST_SKIP() << "operator new belongs to the sanitizer";
  World w(
      test::topology({test::cluster("east", {"api", "admin"}, true, "deny"),
                      test::cluster("west", {"web"}, true, "deny", Json::array({test::token("web", {}, {"web"})}))}));
  test::peer(w, "east", "west", "west", "east");
  ASSERT_EQ(test::write(w, "east", test::exports_to({{"api", "west"}})).status, 200);
  ASSERT_EQ(test::write(w, "east", {{"Kind", "service-defaults"}, {"Name", "api"}, {"Protocol", "http"}}).status, 200);
  Json l7 = {{"Name", "admin"},
             {"Permissions", Json::array({{{"Action", "allow"}, {"HTTP", {{"PathPrefix", "/public"}}}}})}};
  ASSERT_EQ(
      test::write(w, "east",
                  test::intention("api", Json::array({l7, {{"Name", "web"}, {"Peer", "west"}, {"Action", "allow"}}})))
          .status,
      200);
  const ServiceRef web = test::svc("west", "web"), api = test::svc("east", "api"), admin = test::svc("east", "admin");
  const ServiceRef ghost = test::svc("nowhere", "x");
  const Request get = test::http("GET", "/public/x");
  const long before = g_allocations.load();
  bool sink = false;
  for (int i = 0; i < 1000; ++i) {
    sink ^= w.allowed(web, api);         // peer, L4
    sink ^= w.allowed(admin, api, get);  // local, L7 path prefix
    sink ^= w.allowed(admin, api);       // L7 without a request
    sink ^= w.allowed(api, web);         // not exported
    sink ^= w.allowed(ghost, api);       // unknown cluster
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_TRUE(w.allowed(web, api));
  EXPECT_TRUE(w.allowed(admin, api, get));
  (void)sink;
}

}  // namespace
}  // namespace entryc::runtime
