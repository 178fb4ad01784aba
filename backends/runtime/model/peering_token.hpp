// Peering tokens and the checks around them (§5.1–5.4): standard base64 of
// the token JSON, Go's decoding errors, validatePeeringToken, peer-name and
// peering-Meta rules. No real crypto: the CA is a PEM-shaped string.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"

namespace entryc::runtime::token {

std::string base64_encode(std::string_view in);
// encoding/base64 StdEncoding.DecodeString; on failure `error` is Go's
// CorruptInputError text: "illegal base64 data at input byte 4".
bool base64_decode(std::string_view in, std::string& out, std::string& error);

// ^[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?$
bool valid_peer_name(std::string_view name);
// "<name> is not a valid peer name: a valid peering name must consist of ...", or "".
std::string peer_name_error(std::string_view name);
// Peering Meta (validateMetaPair): "meta tags failed validation: ...", or "".
std::string meta_error(const Json& meta);

struct Token {
  std::vector<std::string> ca;
  std::optional<std::vector<std::string>> manual_server_addresses;  // null when not given
  std::vector<std::string> server_addresses;
  std::string server_name;
  std::string peer_id;
  std::string establishment_secret;
  std::string remote_partition;
  std::string remote_datacenter;
};

// The token string generate-token returns.
std::string encode(const Token& t);
// What establish does with the string: "failed to decode token: <base64
// error>", a JSON error as Go reports it, or "" with `out` filled.
std::string decode(std::string_view text, Token& out);
// validatePeeringToken, in its order; "" when valid.
std::string validate(const Token& t);

// A PEM block that looks like a CA certificate, derived from `seed`.
std::string fake_ca_pem(std::string_view seed);

}  // namespace entryc::runtime::token
