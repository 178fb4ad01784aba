// HTTP plumbing for `entryc serve` (docs/serve.md): Boost.Beast listeners on
// one io_context, one thread, so handlers never run concurrently. Knows
// nothing about Consul: it turns bytes into an HttpRequest, asks the
// handler for an HttpResponse, enforces the size limit and time-outs, and
// logs one line per request to stderr (method, path without the query,
// status, duration) — never a header or a body.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace entryc::serve {

struct HttpRequest {
  std::size_t listener = 0;                                // which listen() call accepted it
  std::string method;                                      // "GET", "PUT", ... as sent
  std::string path;                                        // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of a query parameter / header (headers case-insensitive).
  const std::string* param(std::string_view name) const;
  const std::string* header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string allow;  // the Allow header of a 405
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

struct ServerOptions {
  std::size_t body_limit = 1 << 20;  // larger bodies: 413
  std::chrono::seconds timeout{30};  // per read or write
};

class Server {
 public:
  Server(Handler handler, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds `host:port` (port 0: any free one); returns the bound port. The
  // listener's index is the number of earlier listen() calls. Throws
  // std::runtime_error naming the address.
  unsigned short listen(const std::string& host, unsigned short port);
  // Serves until SIGINT or SIGTERM (or stop()).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "host:port" → (host, port); false when malformed. Accepts "[::1]:80".
bool split_host_port(const std::string& s, std::string& host, unsigned short& port);
// Whether `host` is a loopback address (127.0.0.0/8, ::1) or "localhost".
bool is_loopback(const std::string& host);
// Percent-decoding ('+' stays '+' in paths, becomes ' ' in queries).
std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace entryc::serve
