// URL paths and query strings for Consul's HTTP API, percent-encoded the way
// Go's net/url does (RFC 3986 unreserved characters are kept). What comes out
// holds only [A-Za-z0-9-._~%/?=&], so a shell may double-quote it as it is.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace entryc::consul_http {

// One path segment: "web api" -> "web%20api", "a/b" -> "a%2Fb".
std::string escape_segment(std::string_view s);

// "?cas=12&partition=finance", keys sorted as url.Values.Encode() sorts
// them; "" when there are none.
std::string query_string(std::vector<std::pair<std::string, std::string>> params);

}  // namespace entryc::consul_http
