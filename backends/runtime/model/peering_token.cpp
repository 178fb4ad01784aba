#include "peering_token.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace entryc::runtime::token {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool newline(char c) { return c == '\n' || c == '\r'; }

// encoding/base64's decodeQuantum for StdEncoding (padding, not strict):
// one group of four characters; `err` is the byte offset Go reports, or -1.
struct Quantum {
  std::size_t si;
  long err;
};
Quantum decode_quantum(std::string_view src, std::size_t si, std::string& out) {
  std::array<unsigned, 4> dbuf{};
  int dlen = 4;
  long err = -1;
  const std::size_t n = src.size();
  for (int j = 0; j < 4; ++j) {
    if (si == n) {
      if (j == 0) return {si, -1};
      return {si, static_cast<long>(si) - j};
    }
    const char in = src[si++];
    const int v = decode_char(in);
    if (v >= 0) {
      dbuf[static_cast<std::size_t>(j)] = static_cast<unsigned>(v);
      continue;
    }
    if (newline(in)) {
      --j;
      continue;
    }
    if (in != '=') return {si, static_cast<long>(si) - 1};
    // Padding: the end of the data.
    if (j == 0 || j == 1) return {si, static_cast<long>(si) - 1};
    if (j == 2) {  // "==" expected; the first '=' is consumed
      while (si < n && newline(src[si])) ++si;
      if (si == n) return {si, static_cast<long>(n)};
      if (src[si] != '=') return {si, static_cast<long>(si) - 1};
      ++si;
    }
    while (si < n && newline(src[si])) ++si;
    if (si < n) err = static_cast<long>(si);  // trailing garbage
    dlen = j;
    break;
  }
  const unsigned val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
  const std::array<char, 3> bytes = {static_cast<char>((val >> 16) & 0xFF), static_cast<char>((val >> 8) & 0xFF),
                                     static_cast<char>(val & 0xFF)};
  out.append(bytes.data(), static_cast<std::size_t>(dlen - 1));
  return {si, err};
}

// A key of a Go struct decoded by encoding/json: exact name first, then a
// case-insensitive match.
const Json* field(const Json& obj, std::string_view name) {
  const auto it = obj.find(std::string(name));
  if (it != obj.end()) return &*it;
  for (auto i = obj.begin(); i != obj.end(); ++i) {
    if (equal_fold(i.key(), name)) return &*i;
  }
  return nullptr;
}

std::string unmarshal_error(const Json& v, std::string_view field_name, std::string_view type) {
  return fmt::format("json: cannot unmarshal {} into Go struct field {} of type {}", json_kind(v), field_name, type);
}

std::string read_string(const Json& obj, std::string_view name, std::string_view go_field, std::string& out) {
  const Json* v = field(obj, name);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) return unmarshal_error(*v, go_field, "string");
  out = v->get<std::string>();
  return {};
}

std::string read_list(const Json& obj, std::string_view name, std::string_view go_field,
                      std::optional<std::vector<std::string>>& out) {
  const Json* v = field(obj, name);
  if (!v || v->is_null()) return {};
  if (!v->is_array()) return unmarshal_error(*v, go_field, "[]string");
  std::vector<std::string> items;
  for (const Json& e : *v) {
    if (!e.is_string()) return unmarshal_error(e, go_field, "string");
    items.push_back(e.get<std::string>());
  }
  out = std::move(items);
  return {};
}

// What encoding/json says about text it cannot parse (the common cases).
std::string json_syntax_error(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "unexpected end of JSON input";
  const char c = text[first];
  if (c != '{' && c != '[' && c != '"' && c != '-' && !(c >= '0' && c <= '9') && c != 't' && c != 'f' && c != 'n') {
    return fmt::format("invalid character {} looking for beginning of value",
                       c == '\'' ? std::string("'\\''") : "'" + std::string(1, c) + "'");
  }
  return "unexpected end of JSON input";
}

bool valid_address(std::string_view addr) {
  const std::size_t colon = addr.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view host = addr.substr(0, colon);
  if (host.find(':') != std::string_view::npos && !(host.starts_with('[') && host.ends_with(']'))) return false;
  std::string_view port = addr.substr(colon + 1);
  if (!port.empty() && port.front() == '+') port.remove_prefix(1);
  int p = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  return ec == std::errc() && end == port.data() + port.size() && p >= 1 && p <= 65535;
}

// connect.ParseCert up to the x509 step, which has no real certificate here.
std::string pem_error(std::string_view pem) {
  const std::size_t begin = pem.find("-----BEGIN ");
  if (begin == std::string_view::npos) return "no PEM-encoded data found";
  const std::size_t type_end = pem.find("-----", begin + 11);
  if (type_end == std::string_view::npos) return "no PEM-encoded data found";
  const std::string_view type = pem.substr(begin + 11, type_end - begin - 11);
  if (pem.find("-----END " + std::string(type) + "-----", type_end) == std::string_view::npos) {
    return "no PEM-encoded data found";
  }
  if (type != "CERTIFICATE") return "first PEM-block should be CERTIFICATE type";
  return {};
}

}  // namespace

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8 |
                       static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (const std::size_t rest = in.size() - i; rest) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool base64_decode(std::string_view in, std::string& out, std::string& error) {
  out.clear();
  std::size_t si = 0;
  while (si < in.size()) {
    const Quantum q = decode_quantum(in, si, out);
    if (q.err >= 0) {
      error = fmt::format("illegal base64 data at input byte {}", q.err);
      return false;
    }
    si = q.si;
  }
  return true;
}

bool valid_peer_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (const char c : name) {
    if (!alnum(c) && c != '-') return false;
  }
  return alnum(name.front()) && alnum(name.back());
}

std::string peer_name_error(std::string_view name) {
  if (valid_peer_name(name)) return {};
  return fmt::format(
      "{} is not a valid peer name: a valid peering name must consist of lower case alphanumeric characters or '-', "
      "and must start and end with an alphanumeric character",
      name);
}

std::string meta_error(const Json& meta) {
  if (!meta.is_object()) return {};
  if (meta.size() > 64) return "meta tags failed validation: Node metadata cannot contain more than 64 key/value pairs";
  for (auto it = meta.begin(); it != meta.end(); ++it) {
    const std::string& k = it.key();
    const std::string v = it->is_string() ? it->get<std::string>() : it->dump();
    std::string reason;
    bool key_ok = !k.empty();
    for (const char c : k) {
      key_ok = key_ok &&
               ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }
    if (k.empty()) {
      reason = "Key cannot be blank";
    } else if (!key_ok) {
      reason = "Key contains invalid characters";
    } else if (k.size() > 128) {
      reason = "Key is too long (limit: 128 characters)";
    } else if (k.starts_with("consul-")) {
      reason = "Key prefix 'consul-' is reserved for internal use";
    } else if (v.size() > 512) {
      reason = "Value is too long (limit: 512 characters)";
    }
    if (!reason.empty()) {
      return fmt::format("meta tags failed validation: Couldn't load metadata pair ('{}', '{}'): {}", k, v, reason);
    }
  }
  return {};
}

std::string encode(const Token& t) {
  Json j = Json::object();
  j["CA"] = t.ca;
  j["ManualServerAddresses"] = t.manual_server_addresses ? Json(*t.manual_server_addresses) : Json(nullptr);
  j["ServerAddresses"] = t.server_addresses;
  j["ServerName"] = t.server_name;
  j["PeerID"] = t.peer_id;
  j["EstablishmentSecret"] = t.establishment_secret;
  j["Remote"] = Json{{"Partition", t.remote_partition}, {"Datacenter", t.remote_datacenter}, {"Locality", nullptr}};
  return base64_encode(j.dump());
}

std::string decode(std::string_view text, Token& out) {
  std::string raw, error;
  if (!base64_decode(text, raw, error)) return "failed to decode token: " + error;
  const Json j = Json::parse(raw, nullptr, false);
  if (j.is_discarded()) return json_syntax_error(raw);
  if (!j.is_object()) {
    return fmt::format("json: cannot unmarshal {} into Go value of type structs.PeeringToken", json_kind(j));
  }
  std::optional<std::vector<std::string>> ca, servers;
  if (std::string e = read_list(j, "CA", "PeeringToken.CA", ca); !e.empty()) return e;
  if (std::string e =
          read_list(j, "ManualServerAddresses", "PeeringToken.ManualServerAddresses", out.manual_server_addresses);
      !e.empty()) {
    return e;
  }
  if (std::string e = read_list(j, "ServerAddresses", "PeeringToken.ServerAddresses", servers); !e.empty()) return e;
  if (std::string e = read_string(j, "ServerName", "PeeringToken.ServerName", out.server_name); !e.empty()) return e;
  if (std::string e = read_string(j, "PeerID", "PeeringToken.PeerID", out.peer_id); !e.empty()) return e;
  if (std::string e =
          read_string(j, "EstablishmentSecret", "PeeringToken.EstablishmentSecret", out.establishment_secret);
      !e.empty()) {
    return e;
  }
  if (const Json* remote = field(j, "Remote"); remote && !remote->is_null()) {
    if (!remote->is_object()) return unmarshal_error(*remote, "PeeringToken.Remote", "structs.PeeringTokenRemote");
    if (std::string e = read_string(*remote, "Partition", "PeeringToken.Remote.Partition", out.remote_partition);
        !e.empty()) {
      return e;
    }
    if (std::string e = read_string(*remote, "Datacenter", "PeeringToken.Remote.Datacenter", out.remote_datacenter);
        !e.empty()) {
      return e;
    }
  }
  out.ca = ca.value_or(std::vector<std::string>());
  out.server_addresses = servers.value_or(std::vector<std::string>());
  return {};
}

std::string validate(const Token& t) {
  for (const std::string& pem : t.ca) {
    if (std::string e = pem_error(pem); !e.empty()) return "peering token invalid CA: " + e;
  }
  const bool no_manual = !t.manual_server_addresses || t.manual_server_addresses->empty();
  if (no_manual && t.server_addresses.empty()) return "peering token server addresses value is empty";
  if (t.manual_server_addresses) {
    for (const std::string& a : *t.manual_server_addresses) {
      if (!valid_address(a)) return a + " is not a valid peering server address";
    }
  }
  for (const std::string& a : t.server_addresses) {
    if (!valid_address(a)) return a + " is not a valid peering server address";
  }
  if (!t.ca.empty() && t.server_name.empty()) return "peering token server name value is empty";
  if (t.peer_id.empty()) return "peering token peer ID value is empty";
  return {};
}

std::string fake_ca_pem(std::string_view seed) {
  // 432 bytes of hash output: the size of a small certificate, in 64-column
  // lines as Go's pem.Encode writes them.
  std::string der;
  for (std::uint64_t i = 0; der.size() < 432; ++i) {
    std::uint64_t h = fnv1a64(std::string(seed) + "/" + std::to_string(i));
    for (int b = 0; b < 8; ++b, h >>= 8) der += static_cast<char>(h & 0xFF);
  }
  der[0] = '\x30';  // a DER SEQUENCE, like every certificate
  der[1] = '\x82';
  const std::string b64 = base64_encode(der.substr(0, 432));
  std::string out = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  out += "-----END CERTIFICATE-----\n";
  return out;
}

}  // namespace entryc::runtime::token
