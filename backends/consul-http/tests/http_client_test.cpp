#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace entryc::consul_http {
namespace {

using std::chrono::milliseconds;

TEST(HttpClient, RetriesOnlyWhatMayPass) {
  for (const long s : {429L, 502L, 503L, 504L}) {
    Response r;
    r.status = s;
    EXPECT_TRUE(retryable(r)) << s;
  }
  // Consul's refusals: asking again gives the same answer.
  for (const long s : {200L, 400L, 401L, 403L, 404L, 409L, 413L, 500L}) {
    Response r;
    r.status = s;
    EXPECT_FALSE(retryable(r)) << s;
  }
  Response refused;
  refused.transient = true;
  EXPECT_TRUE(retryable(refused));
  Response tls;  // e.g. a certificate that does not verify
  tls.error = "SSL certificate problem";
  EXPECT_FALSE(retryable(tls));
}

TEST(HttpClient, BackoffIsJitteredExponentialAndCapped) {
  ClientOptions o;
  o.backoff_base = milliseconds(100);
  o.backoff_max = milliseconds(1000);
  for (int attempt = 2; attempt <= 12; ++attempt) {
    const long long ceiling = std::min(1000LL, 100LL << (attempt - 2));
    long long top = 0;
    for (int i = 0; i < 200; ++i) {
      const long long w = backoff(o, attempt, milliseconds(0)).count();
      ASSERT_GE(w, 0);
      ASSERT_LE(w, ceiling) << attempt;
      top = std::max(top, w);
    }
    EXPECT_GT(top, ceiling / 4) << "full jitter should reach near the ceiling";
  }
  // Retry-After is a floor, within the cap.
  EXPECT_GE(backoff(o, 2, milliseconds(700)).count(), 700);
  EXPECT_LE(backoff(o, 2, milliseconds(60000)).count(), 1000);
}

struct EnvGuard {
  explicit EnvGuard(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~EnvGuard() { unsetenv(name_); }
  const char* name_;
};

TEST(HttpClient, OptionsFromTheEnvironment) {
  {
    EnvGuard a("ENTRYC_HTTP_TIMEOUT", "3"), b("ENTRYC_HTTP_RETRIES", "0"), c("ENTRYC_HTTP_BACKOFF_MS", "10"),
        d("ENTRYC_HTTP_CONCURRENCY", "2");
    const ClientOptions o = ClientOptions::from_env();
    EXPECT_EQ(o.timeout, milliseconds(3000));
    EXPECT_LE(o.connect_timeout, o.timeout);
    EXPECT_EQ(o.max_attempts, 1);
    EXPECT_EQ(o.backoff_base, milliseconds(10));
    EXPECT_EQ(o.per_host, 2);
  }
  for (const char* bad : {"x", "-1", "0", "1e3", "99999"}) {
    EnvGuard a("ENTRYC_HTTP_TIMEOUT", bad);
    EXPECT_THROW(ClientOptions::from_env(), std::runtime_error) << bad;
  }
}

// A loopback port nothing listens on.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

TEST(HttpClient, ConnectionRefusedIsRetriedThenReported) {
  ClientOptions o;
  o.max_attempts = 3;
  o.backoff_base = milliseconds(1);
  o.backoff_max = milliseconds(5);
  Client client(o);
  Call c;
  c.method = "GET";
  c.base = "http://127.0.0.1:" + std::to_string(closed_port());
  c.path = "/v1/peerings";
  c.token = "secret-token-value";
  const std::vector<Response> rs = client.run(std::vector<Call>{c, c});
  ASSERT_EQ(rs.size(), 2u);
  for (const Response& r : rs) {
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(r.transient);
    EXPECT_EQ(r.attempts, 3);
    EXPECT_NE(r.describe().find("no answer"), std::string::npos) << r.describe();
    EXPECT_NE(r.describe().find("3 attempts"), std::string::npos) << r.describe();
    EXPECT_EQ(r.describe().find("secret-token-value"), std::string::npos);
  }
}

// A one-shot server: answers each connection with `reply`, counting them.
TEST(HttpClient, StatusAnswersAndRetryOn503) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ASSERT_EQ(listen(fd, 8), 0);
  std::thread server([fd] {
    const char* replies[] = {
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy",
        "HTTP/1.1 200 OK\r\nX-Consul-Index: 42\r\nContent-Length: 4\r\nConnection: close\r\n\r\ntrue",
    };
    for (const char* reply : replies) {
      const int c = accept(fd, nullptr, nullptr);
      char buf[4096];
      std::string req;
      while (req.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = read(c, buf, sizeof buf);
        if (n <= 0) break;
        req.append(buf, static_cast<std::size_t>(n));
      }
      (void)!write(c, reply, std::strlen(reply));
      close(c);
    }
  });
  ClientOptions o;
  o.backoff_base = milliseconds(1);
  Client client(o);
  Call c;
  c.method = "PUT";
  c.base = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
  c.path = "/v1/config";
  c.body = "{}";
  const Response r = client.run(c);
  server.join();
  close(fd);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "true");
  EXPECT_EQ(r.attempts, 2);
  ASSERT_TRUE(r.index.has_value());
  EXPECT_EQ(*r.index, 42u);
}

}  // namespace
}  // namespace entryc::consul_http
