#include "http.hpp"

#include <csignal>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace entryc::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    const std::size_t amp = q.find('&');
    const std::string_view part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    out.emplace_back(percent_decode(part.substr(0, eq), true),
                     eq == std::string_view::npos ? std::string() : percent_decode(part.substr(eq + 1), true));
  }
  return out;
}

// Only printable ASCII reaches the log.
std::string loggable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 200)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

const std::string* HttpRequest::param(std::string_view name) const {
  for (const auto& kv : query) {
    if (kv.first == name) return &kv.second;
  }
  return nullptr;
}

const std::string* HttpRequest::header(std::string_view name) const {
  for (const auto& kv : headers) {
    if (iequals(kv.first, name)) return &kv.second;
  }
  return nullptr;
}

bool split_host_port(const std::string& s, std::string& host, unsigned short& port) {
  const std::size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size()) return false;
  host = s.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned long n = 0;
  for (char c : s.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<unsigned long>(c - '0');
    if (n > 65535) return false;
  }
  port = static_cast<unsigned short>(n);
  return !host.empty();
}

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const asio::ip::address a = asio::ip::make_address(host, ec);
  return !ec && a.is_loopback();
}

// --- one connection
// ----------------------------------------------------------------

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::size_t listener, const Handler& handler, const ServerOptions& options)
      : stream_(std::move(socket)), listener_(listener), handler_(handler), options_(options) {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(options_.timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return close();
    }
    started_ = std::chrono::steady_clock::now();
    if (ec == bhttp::error::body_limit) {
      return reply_error(413, "Request body too large", "-", "-");
    }
    if (ec) return reply_error(400, "Bad request: " + ec.message(), "-", "-");
    const auto& msg = parser_->get();
    HttpRequest req;
    req.listener = listener_;
    req.method = std::string(msg.method_string());
    const std::string_view target(msg.target().data(), msg.target().size());
    const std::size_t q = target.find('?');
    req.path = percent_decode(target.substr(0, q), false);
    if (q != std::string_view::npos) req.query = parse_query(target.substr(q + 1));
    for (const auto& f : msg) req.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    req.body = msg.body();
    HttpResponse res;
    try {
      res = handler_(req);
    } catch (const std::exception& e) {
      res = {500, std::string("entryc serve: internal error: ") + e.what(), "text/plain; charset=utf-8", ""};
    }
    keep_alive_ = msg.keep_alive();
    write(res, req.method, req.path);
  }

  void reply_error(int status, const std::string& text, const std::string& method, const std::string& path) {
    keep_alive_ = false;
    write({status, text, "text/plain; charset=utf-8", ""}, method, path);
  }

  void write(const HttpResponse& r, const std::string& method, const std::string& path) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->result(static_cast<unsigned>(r.status));
    res->version(11);
    res->set(bhttp::field::server, "entryc-serve");
    res->set(bhttp::field::content_type, r.content_type);
    if (!r.allow.empty()) res->set(bhttp::field::allow, r.allow);
    res->body() = r.body;
    res->keep_alive(keep_alive_);
    res->prepare_payload();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    std::fprintf(stderr, "entryc serve: %s %s %d %.1fms\n", loggable(method).c_str(), loggable(path).c_str(), r.status,
                 ms);
    stream_.expires_after(options_.timeout);
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !self->keep_alive_) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::size_t listener_;
  const Handler& handler_;
  const ServerOptions& options_;
  bool keep_alive_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

// --- the server
// ---------------------------------------------------------------------

struct Server::Impl {
  Handler handler;
  ServerOptions options;
  asio::io_context io{1};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;

  void accept(std::size_t i) {
    acceptors[i]->async_accept([this, i](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(socket), i, handler, options)->start();
      accept(i);
    });
  }

  void stop() {
    signals.cancel();
    for (auto& a : acceptors) {
      beast::error_code ignored;
      a->close(ignored);
    }
    io.stop();
  }
};

Server::Server(Handler handler, ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->options = options;
}

Server::~Server() = default;

unsigned short Server::listen(const std::string& host, unsigned short port) {
  const std::string where = host + ":" + std::to_string(port);
  try {
    tcp::resolver resolver(impl_->io);
    const auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::numeric_service);
    if (results.empty()) throw std::runtime_error("no address");
    const tcp::endpoint ep = *results.begin();
    auto a = std::make_unique<tcp::acceptor>(impl_->io);
    a->open(ep.protocol());
    a->set_option(asio::socket_base::reuse_address(true));
    a->bind(ep);
    a->listen(asio::socket_base::max_listen_connections);
    const unsigned short bound = a->local_endpoint().port();
    impl_->acceptors.push_back(std::move(a));
    impl_->accept(impl_->acceptors.size() - 1);
    return bound;
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot listen on " + where + ": " + e.what());
  }
}

void Server::run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->stop();
  });
  impl_->io.run();
}

void Server::stop() { impl_->stop(); }

}  // namespace entryc::serve
