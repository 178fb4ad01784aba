// peering-invalid-peer-name: a peer name Consul refuses (§5.1): 1-63 lower
// case letters, digits and '-', starting and ending with a letter or digit.
#include "project.hpp"
#include "rules.hpp"

namespace peering {
namespace {

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$
bool valid(std::string_view s) {
  if (s.empty() || s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s) {
    if (!alnum(c) && c != '-') return false;
  }
  return true;
}

// The closest valid name: lower case, other characters as '-', trimmed.
std::string fixed(std::string_view s) {
  std::string out;
  for (char c : s) {
    const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out += alnum(l) ? l : '-';
  }
  if (out.size() > 63) out.resize(63);
  const std::size_t b = out.find_first_not_of('-');
  if (b == std::string::npos) return {};
  return out.substr(b, out.find_last_not_of('-') - b + 1);
}

}  // namespace

void InvalidPeerName::check(const Document& doc, Reporter& out) const {
  const Project& p = Project::of(doc);
  for (const PeerName& n : p.peer_names()) {
    if (n.name.empty() || valid(n.name)) continue;
    std::string summary = "'" + n.name + "' is not a valid peer name";
    const std::string fix = fixed(n.name);
    if (!fix.empty()) summary += "; did you mean '" + fix + "'?";
    out.report(n.path(), std::move(summary))
        .detail("Consul's " + std::string(n.acceptor ? "generate-token" : "establish") +
                " refuses it: a peer name is 1 to 63 lower case letters, digits and '-', starting and ending with a "
                "letter or digit.")
        .consul(n.name + " is not a valid peer name: a valid peering name must consist of lower case alphanumeric "
                         "characters or '-', and must start and end with an alphanumeric character");
  }
}

}  // namespace peering
