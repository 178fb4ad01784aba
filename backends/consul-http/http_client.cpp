#include "http_client.hpp"

#include <curl/curl.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "fields.hpp"

namespace entryc::consul_http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

long env_number(const char* name, long lo, long hi, long fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  if (*end != '\0' || n < lo || n > hi) {
    throw std::runtime_error(std::string("$") + name + " must be a whole number from " + std::to_string(lo) + " to " +
                             std::to_string(hi));
  }
  return n;
}

bool retryable_transport(int code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

constexpr const char* kClientCertHint = "; the agent verifies clients: set http.cert_file and http.key_file";

// What to do about a TLS failure, in the project's words.
std::string tls_hint(const std::string& error) {
  if (error.find("subject name") != std::string::npos) {
    return "; if the address is not a name the certificate carries, set http.tls_server_name";
  }
  if (error.find("local issuer") != std::string::npos || error.find("self-signed") != std::string::npos ||
      error.find("self signed") != std::string::npos) {
    return "; set http.ca_file to the CA that signed the agent's certificate";
  }
  if (error.find("certificate required") != std::string::npos) return kClientCertHint;
  return "";
}

// Whether an agent asked for a client certificate that we do not have. With
// TLS 1.3 it refuses a client without one only after the handshake, and its
// alert races its close: the error text is then "certificate required", a
// reset, or OpenSSL's "bad length", by chance. The question it asked in the
// handshake is certain: OpenSSL calls the client certificate callback when
// the server asks and none is configured. The flag outlives both sides: the
// transfer's copy and the SSL_CTX's (freed with it, whenever curl frees it).
struct CertAsked {
  bool asked = false;
};
using CertAskedRef = std::shared_ptr<CertAsked>;

void free_cert_asked(void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*) { delete static_cast<CertAskedRef*>(ptr); }

int cert_asked_index() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, free_cert_asked);
  return index;
}

int on_client_cert(SSL* ssl, X509**, EVP_PKEY**) {
  if (auto* ref = static_cast<CertAskedRef*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), cert_asked_index()))) {
    (*ref)->asked = true;
  }
  return 0;  // nothing to send
}

CURLcode on_ssl_ctx(CURL*, void* ctx, void* user) {
  auto* ssl_ctx = static_cast<SSL_CTX*>(ctx);
  auto* ref = new CertAskedRef(*static_cast<CertAskedRef*>(user));
  if (SSL_CTX_set_ex_data(ssl_ctx, cert_asked_index(), ref) != 1) {
    delete ref;
    return CURLE_OK;
  }
  SSL_CTX_set_client_cert_cb(ssl_ctx, on_client_cert);
  return CURLE_OK;
}

// The callback hands curl's SSL_CTX to OpenSSL: only when curl uses OpenSSL.
bool curl_uses_openssl() {
  static const bool yes = [] {
    const curl_version_info_data* v = curl_version_info(CURLVERSION_NOW);
    return v && v->ssl_version && std::string(v->ssl_version).rfind("OpenSSL/", 0) == 0;
  }();
  return yes;
}

// One attempt of one call.
struct Transfer {
  std::size_t index = 0;
  int attempt = 1;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body_in;
  std::string token_header;
  std::string connect_to;
  curl_slist* connect_to_list = nullptr;
  std::string url;
  Response response;
  milliseconds retry_after{0};
  CertAskedRef cert_asked;  // set when the agent may ask for a client certificate we lack
  char error[CURL_ERROR_SIZE] = {0};

  ~Transfer() {
    if (easy) curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
    curl_slist_free_all(connect_to_list);
  }
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<Transfer*>(user)->response.body.append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * n);
  const std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string value = trim(line.substr(colon + 1));
    const char* v = value.c_str();
    char* end = nullptr;
    if (name == "retry-after") {
      const long s = std::strtol(v, &end, 10);
      if (end != v && s >= 0) t->retry_after = milliseconds(std::min<long>(s, 3600) * 1000);
    } else if (name == "x-consul-index") {
      const unsigned long long i = std::strtoull(v, &end, 10);
      if (end != v) t->response.index = i;
    }
  }
  return size * n;
}

// "https://consul.example:8501" -> host and port, for --connect-to.
bool split_base(const std::string& base, std::string& scheme, std::string& host, std::string& port) {
  const std::size_t sep = base.find("://");
  if (sep == std::string::npos) return false;
  scheme = base.substr(0, sep);
  std::string rest = base.substr(sep + 3);
  if (const std::size_t slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  } else {
    host = rest;
    port = scheme == "https" ? "443" : "80";
  }
  return !host.empty();
}

std::once_flag g_curl_init;

}  // namespace

namespace {
std::string tries(int attempts) {
  return attempts > 1 ? " (" + std::to_string(attempts) + " attempts)" : std::string();
}
std::string short_body(const std::string& body) {
  std::string t = trim(body);
  if (t.size() > 400) t = t.substr(0, 400) + "...";
  return t;
}
}  // namespace

std::string Response::describe() const {
  if (status == 0) return "no answer: " + error + tries(attempts);
  const std::string t = short_body(body);
  return std::to_string(status) + (t.empty() ? std::string() : " (" + t + ")") + tries(attempts);
}

std::string Response::text() const {
  if (status == 0) return describe();
  const std::string t = short_body(body);
  return (t.empty() ? "HTTP " + std::to_string(status) : t) + tries(attempts);
}

ClientOptions ClientOptions::from_env() {
  ClientOptions o;
  o.timeout = milliseconds(env_number("ENTRYC_HTTP_TIMEOUT", 1, 3600, o.timeout.count() / 1000) * 1000);
  o.connect_timeout = std::min(o.connect_timeout, o.timeout);
  o.max_attempts = static_cast<int>(env_number("ENTRYC_HTTP_RETRIES", 0, 20, o.max_attempts - 1)) + 1;
  o.backoff_base = milliseconds(env_number("ENTRYC_HTTP_BACKOFF_MS", 1, 60000, o.backoff_base.count()));
  o.backoff_max = std::max(o.backoff_max, o.backoff_base);
  o.per_host = static_cast<int>(env_number("ENTRYC_HTTP_CONCURRENCY", 1, 64, o.per_host));
  return o;
}

bool retryable(const Response& r) {
  if (r.status == 0) return r.transient;
  return r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504;
}

milliseconds backoff(const ClientOptions& o, int attempt, milliseconds retry_after) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const int shift = std::clamp(attempt - 2, 0, 20);
  const long long ceiling = std::min<long long>(o.backoff_max.count(), o.backoff_base.count() << shift);
  std::uniform_int_distribution<long long> pick(0, std::max<long long>(ceiling, 1));
  const milliseconds wait(pick(rng));
  return std::max(wait, std::min(retry_after, o.backoff_max));
}

struct Client::Impl {
  CURLM* multi = nullptr;
  Impl() {
    std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    multi = curl_multi_init();
    if (!multi) throw std::runtime_error("cannot start libcurl");
  }
  ~Impl() {
    if (multi) curl_multi_cleanup(multi);
  }
};

Client::Client(ClientOptions options) : options_(options), impl_(std::make_unique<Impl>()) {
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, 64L);
}

Client::~Client() = default;

namespace {

std::unique_ptr<Transfer> prepare(const Call& c, std::size_t index, const ClientOptions& o) {
  auto t = std::make_unique<Transfer>();
  t->index = index;
  t->easy = curl_easy_init();
  if (!t->easy) throw std::runtime_error("cannot start a libcurl transfer");
  CURL* e = t->easy;
  std::string base = c.base;
  if (c.tls && !c.tls->server_name.empty()) {
    // Connect to the address, but ask for and verify the server name.
    std::string scheme, host, port;
    if (split_base(c.base, scheme, host, port)) {
      t->connect_to = c.tls->server_name + ":" + port + ":" + host + ":" + port;
      t->connect_to_list = curl_slist_append(nullptr, t->connect_to.c_str());
      curl_easy_setopt(e, CURLOPT_CONNECT_TO, t->connect_to_list);
      base = scheme + "://" + c.tls->server_name + ":" + port;
    }
  }
  t->url = base + c.path;
  curl_easy_setopt(e, CURLOPT_URL, t->url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout.count()));
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_USERAGENT, "entryc");
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, c.method.c_str());
  if (c.method == "GET") curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
  if (c.body) {
    t->body_in = *c.body;
    t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body_in.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->body_in.size()));
  } else if (c.method == "PUT" || c.method == "POST") {
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
  }
  if (!c.token.empty()) {
    t->token_header = "X-Consul-Token: " + c.token;
    t->headers = curl_slist_append(t->headers, t->token_header.c_str());
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  if (c.tls) {
    if (!c.tls->ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, c.tls->ca_file.c_str());
    if (!c.tls->cert_file.empty()) curl_easy_setopt(e, CURLOPT_SSLCERT, c.tls->cert_file.c_str());
    if (!c.tls->key_file.empty()) curl_easy_setopt(e, CURLOPT_SSLKEY, c.tls->key_file.c_str());
    if (c.tls->skip_verify) {
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (c.tls->cert_file.empty() && curl_uses_openssl()) {
      t->cert_asked = std::make_shared<CertAsked>();
      curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
      curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, &t->cert_asked);
    }
  }
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  return t;
}

}  // namespace

std::vector<Response> Client::run(const std::vector<Call>& calls) {
  std::vector<Response> out(calls.size());
  struct Pending {
    std::size_t index;
    int attempt;
    Clock::time_point due;
  };
  std::vector<Pending> waiting;
  for (std::size_t i = 0; i < calls.size(); ++i) waiting.push_back({i, 1, Clock::now()});
  std::map<std::string, int> active_per_host;
  std::map<CURL*, std::unique_ptr<Transfer>> running;
  std::set<std::string> asked_for_cert;  // addresses that asked for a client certificate
  CURLM* multi = impl_->multi;

  while (!waiting.empty() || !running.empty()) {
    // Start what is due, within each host's limit.
    const auto now = Clock::now();
    for (auto it = waiting.begin(); it != waiting.end();) {
      const Call& c = calls[it->index];
      int& active = active_per_host[c.base];
      if (it->due > now || active >= options_.per_host) {
        ++it;
        continue;
      }
      std::unique_ptr<Transfer> t = prepare(c, it->index, options_);
      t->attempt = it->attempt;
      curl_multi_add_handle(multi, t->easy);
      ++active;
      running.emplace(t->easy, std::move(t));
      it = waiting.erase(it);
    }
    int still = 0;
    curl_multi_perform(multi, &still);
    int queued = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
      if (m->msg != CURLMSG_DONE) continue;
      const auto found = running.find(m->easy_handle);
      if (found == running.end()) continue;
      std::unique_ptr<Transfer> t = std::move(found->second);
      running.erase(found);
      curl_multi_remove_handle(multi, t->easy);
      const Call& c = calls[t->index];
      --active_per_host[c.base];
      Response r = std::move(t->response);
      r.attempts = t->attempt;
      if (m->data.result == CURLE_OK) {
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r.status);
      } else {
        r.status = 0;
        r.body.clear();
        r.error = t->error[0] ? trim(t->error) : curl_easy_strerror(m->data.result);
        if (t->cert_asked && t->cert_asked->asked) asked_for_cert.insert(c.base);
        // Refused for want of a client certificate (asked on this or an
        // earlier connection), or a TLS alert: neither passes by itself.
        const bool cert_missing = t->cert_asked && asked_for_cert.count(c.base);
        r.transient = !cert_missing && retryable_transport(m->data.result) && r.error.find("SSL") == std::string::npos;
        r.error += cert_missing ? kClientCertHint : tls_hint(r.error);
      }
      if (r.attempts < options_.max_attempts && retryable(r)) {
        waiting.push_back({t->index, r.attempts + 1, Clock::now() + backoff(options_, r.attempts + 1, t->retry_after)});
      } else {
        out[t->index] = std::move(r);
      }
    }
    if (running.empty() && waiting.empty()) break;
    // Wait for a transfer, or (nothing in flight) until the next retry is due.
    auto next = Clock::now() + milliseconds(200);
    for (const Pending& p : waiting) next = std::min(next, p.due);
    if (running.empty()) {
      std::this_thread::sleep_until(next);
    } else {
      const auto left = std::chrono::duration_cast<milliseconds>(next - Clock::now()).count();
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::clamp<long long>(left, 0, 200)), nullptr);
    }
  }
  return out;
}

}  // namespace entryc::consul_http
