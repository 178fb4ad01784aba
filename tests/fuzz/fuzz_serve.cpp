// libFuzzer target: `entryc serve`'s request handling (routing, query and
// header parsing, JSON bodies, ACL checks, every endpoint) on a fresh
// two-cluster World per input. The input is a request as text:
//   METHOD TARGET\n  (TARGET: percent-encoded path and query)
//   Name: value\n    (headers, until an empty line)
//   body
// The first byte's parity picks the listener (cluster). Answers must be
// HTTP statuses Consul uses, with a body that is JSON when it says so.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api.hpp"
#include "fuzz_topology.hpp"

namespace {

using namespace entryc;

serve::HttpRequest parse(std::string_view text) {
  serve::HttpRequest req;
  req.listener = text.empty() ? 0 : static_cast<unsigned char>(text[0]) % 2;
  auto line = [&text]() {
    const std::size_t nl = text.find('\n');
    const std::string_view l = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    return l;
  };
  const std::string_view first = line();
  const std::size_t sp = first.find(' ');
  req.method = std::string(first.substr(0, sp));
  const std::string_view target = sp == std::string_view::npos ? std::string_view{} : first.substr(sp + 1);
  const std::size_t q = target.find('?');
  req.path = serve::percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) {
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view kv = rest.substr(0, amp);
      const std::size_t eq = kv.find('=');
      req.query.emplace_back(serve::percent_decode(kv.substr(0, eq), true),
                             eq == std::string_view::npos ? "" : serve::percent_decode(kv.substr(eq + 1), true));
      rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
  }
  for (std::string_view h = line(); !h.empty(); h = line()) {
    const std::size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.emplace_back(std::string(h.substr(0, colon)), std::string(value));
  }
  req.body = std::string(text);
  return req;
}

bool consul_status(int s) {
  switch (s) {
    case 200: case 400: case 401: case 403: case 404: case 405: case 409: case 413: case 500: return true;
    default: return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const serve::HttpRequest req = parse({reinterpret_cast<const char*>(data), size});
  runtime::World world(fuzz::two_clusters());
  world.seed(1);
  const serve::Api api(fuzz::two_clusters(), world, nullptr, {"cluster-01", "cluster-02"}, "fuzz-management-token");
  serve::HttpResponse res;
  try {
    res = api.handle(req);
  } catch (const std::exception&) {
    return 0;  // the server answers 500 "internal error"; not a crash
  }
  if (!consul_status(res.status)) std::abort();
  if (res.content_type == "application/json" && !res.body.empty() &&
      runtime::Json::parse(res.body, nullptr, false).is_discarded()) {
    std::abort();  // a JSON answer that is not JSON
  }
  return 0;
}
