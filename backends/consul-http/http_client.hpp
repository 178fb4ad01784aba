// The consul-http backend's HTTP client (libcurl, docs/architecture.md):
// calls to Consul agents, several at once with at most `per_host` in flight
// to one address (curl's multi interface, one thread), with timeouts and
// retries with exponential backoff and full jitter on what is worth retrying:
// connection errors, timeouts, 429, 502, 503 and 504 (honouring Retry-After).
// Never on another status: Consul answers 4xx and 500 to what it refuses, and
// refusing again gives nothing new.
//
// Nothing here logs: a call's token travels in a header and is never part of
// an error text.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace entryc::consul_http {

struct Tls {
  std::string ca_file;          // CURLOPT_CAINFO
  std::string cert_file;        // client certificate (PEM)
  std::string key_file;         // and its key
  std::string server_name;      // the name the certificate must carry (curl --connect-to)
  bool skip_verify = false;
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{30000};  // a whole request
  int max_attempts = 5;                      // 1 = no retry
  std::chrono::milliseconds backoff_base{250};
  std::chrono::milliseconds backoff_max{8000};
  int per_host = 4;                          // concurrent requests to one address

  // The defaults, overridden by ENTRYC_HTTP_TIMEOUT (seconds),
  // ENTRYC_HTTP_RETRIES (retries after the first attempt),
  // ENTRYC_HTTP_BACKOFF_MS and ENTRYC_HTTP_CONCURRENCY. Throws
  // std::runtime_error for a value that is not a number in range.
  static ClientOptions from_env();
};

struct Call {
  std::string method;  // GET, PUT, POST, DELETE
  std::string base;    // http(s)://host:port, no trailing '/'
  std::string path;    // path and query, percent-encoded
  std::optional<std::string> body;  // JSON
  std::string token;   // X-Consul-Token; "" for none
  const Tls* tls = nullptr;
};

struct Response {
  long status = 0;         // 0: no HTTP answer (see `error`)
  std::string body;
  std::string error;       // the transport failure, when status == 0
  bool transient = false;  // and whether it may pass (refused, timed out, cut off)
  int attempts = 0;
  // Consul's X-Consul-Index, when it sent one.
  std::optional<unsigned long long> index;
  bool ok() const { return status >= 200 && status < 300; }
  // "403 (Permission denied)" / "no answer: Connection refused (5 attempts)".
  std::string describe() const;
  // The body alone, trimmed: "Permission denied (3 attempts)".
  std::string text() const;
};

class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const ClientOptions& options() const { return options_; }

  // Runs `calls` (concurrently, within the per-host limit) with retries;
  // the responses are in the calls' order. Never throws for a failed call.
  std::vector<Response> run(const std::vector<Call>& calls);
  Response run(const Call& call) { return run(std::vector<Call>{call}).front(); }

 private:
  struct Impl;
  ClientOptions options_;
  std::unique_ptr<Impl> impl_;
};

// Whether a response is worth sending the request again for.
bool retryable(const Response& r);

// The wait before attempt `attempt` (2, 3, ...): full jitter over
// base * 2^(attempt-2), capped at max; at least `retry_after` when the
// server asked for it (capped at max as well).
std::chrono::milliseconds backoff(const ClientOptions& o, int attempt, std::chrono::milliseconds retry_after);

}  // namespace entryc::consul_http
