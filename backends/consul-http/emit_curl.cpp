// The `curl` format: a bash script that sends the requests with curl.
#include <functional>

#include <fmt/format.h>

#include "emit.hpp"
#include "request_map.hpp"
#include "script_common.hpp"
#include "shell.hpp"

namespace entryc::consul_http {
namespace {

// The script's own functions. The token reaches curl through a file
// descriptor (`--header @file`), never its command line; a body that holds a
// peering token goes through a pipe from printf (a builtin), never a file.
constexpr const char* kFunctions = R"sh(
# request ADDR TOKEN METHOD PATH ERROR BODY [CURL OPTIONS...]: one call to
# Consul's HTTP API; BODY is "json" (the body comes on stdin) or "-" (none).
# Prints the response body. Any status but 200 prints ERROR with the Consul
# client's text, "Unexpected response code: 403 (...)", and fails.
request() {
  local addr=$1 token=$2 method=$3 path=$4 error=$5 body=$6 response status
  shift 6
  if [[ $body == json ]]; then set -- --header 'Content-Type: application/json' --data-binary @- "$@"; fi
  response=$(curl --silent --show-error --request "$method" \
    --header @<(if [[ -n $token ]]; then printf 'X-Consul-Token: %s\n' "$token"; fi) \
    --write-out '\n%{http_code}' "$@" "$addr$path") || { printf '%s: curl failed\n' "$error" >&2; return 1; }
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [[ $status != 200 ]]; then
    printf '%s: Unexpected response code: %s (%s)\n' "$error" "$status" "$(trim "$response")" >&2
    return 1
  fi
  printf '%s' "$response"
}

# trim TEXT: without leading and trailing white space.
trim() {
  local s=$1
  s=${s#"${s%%[![:space:]]*}"}
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}

# expect_true RESPONSE MESSAGE: a config write (or a CAS delete) answers
# true, or false when Consul did not apply it (a stale CAS index).
expect_true() {
  if [[ $1 != true ]]; then
    printf '%s\n' "$2" >&2
    return 1
  fi
}

# json_field NAME: the string member NAME of the JSON object on stdin. Only
# for values without escapes: a peering token (base64), a policy ID (a UUID).
json_field() {
  local value
  value=$(sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\1/p')
  if [[ -z $value ]]; then
    printf 'the response has no %s\n' "$1" >&2
    return 1
  fi
  printf '%s' "$value"
}
)sh";

// The per-cluster function: request() with the cluster's address, token and
// TLS options.
std::string cluster_function(const ClusterAccess& c) {
  std::string tls;
  if (!c.ca_file.empty()) tls += " --cacert " + shell_word(c.ca_file);
  if (!c.cert_file.empty()) tls += " --cert " + shell_word(c.cert_file);
  if (!c.key_file.empty()) tls += " --key " + shell_word(c.key_file);
  if (c.tls_skip_verify) tls += " --insecure";
  std::string s = fmt::format("# on_{} METHOD PATH ERROR BODY: request() against {}\n", c.shell, c.name);
  if (!c.tls_server_name.empty()) {
    s += fmt::format("# (curl checks the certificate against the address's host: tls_server_name {} is not used)\n",
                     shell_word(c.tls_server_name));
  }
  s += fmt::format("on_{}() {{ request \"$addr_{}\" \"$token_{}\" \"$@\"{}; }}\n", c.shell, c.shell, c.shell, tls);
  return s;
}

// A body with no secret in it: a quoted here-document, pretty-printed.
// Pretty JSON has no line that is just ENTRYC_JSON.
std::string heredoc(const Json& body) { return " <<'ENTRYC_JSON'\n" + body.dump(2) + "\nENTRYC_JSON\n"; }

// A body that holds {"$var": NAME} values: `printf FORMAT "$NAME"... |`, the
// values in place of %s (they are base64 or UUIDs: nothing to escape in JSON).
std::string printf_pipe(const Json& body) {
  std::vector<std::string> vars;
  const std::string text = replace_placeholders(body, "$var", [&vars](const std::string& name) {
                             vars.push_back(name);
                             return Json("\x01");
                           }).dump();
  const std::string marker = "\\u0001";  // how dump() writes "\x01"
  std::string format;
  std::size_t from = 0;
  for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, from)) {
    format += printf_literal(text.substr(from, at - from)) + "%s";
    from = at + marker.size();
  }
  format += printf_literal(text.substr(from));
  std::string s = "printf " + shell_word(format);
  for (const std::string& v : vars) s += " \"$" + v + "\"";
  return s + " | ";
}

bool has_var(const Json& v) {
  if (v.is_object()) {
    if (v.size() == 1 && v.contains("$var")) return true;
    for (const auto& [k, x] : v.items()) {
      if (has_var(x)) return true;
    }
  }
  if (v.is_array()) {
    for (const Json& x : v) {
      if (has_var(x)) return true;
    }
  }
  return false;
}

std::string request_lines(const Request& r, const ClusterAccess& c) {
  const std::string call =
      fmt::format("on_{} {} \"{}\" {} {}", c.shell, r.method, r.path, shell_word(r.error), r.body ? "json" : "-");
  std::string s;
  if (!r.body) {
    s = "response=$(" + call + ")\n";
  } else if (has_var(*r.body)) {
    s = "response=$(" + printf_pipe(*r.body) + call + ")\n";
  } else {
    s = "response=$(" + call + heredoc(*r.body) + ")\n";
  }
  if (r.expect_true) s += fmt::format("expect_true \"$response\" {}\n", shell_word(r.refused));
  if (!r.capture_var.empty()) {
    s += fmt::format("{}=$(printf '%s' \"$response\" | json_field {})\n", r.capture_var, r.capture_field);
  }
  return s;
}

}  // namespace

std::vector<File> emit_curl(const Json& plan, const std::vector<ClusterAccess>& clusters) {
  const Json& ops = plan_ops(plan);
  const std::vector<const ClusterAccess*> used = clusters_in(plan, clusters);
  ScriptInfo info;
  info.format = "curl";
  info.project = member_text(plan, "project");
  info.what = "requests to Consul's HTTP API";
  info.needs = "bash, curl 7.55 or later and sed (not jq)";
  info.ops = ops.size();
  std::string s = script_header(info, used);
  s += kFunctions;
  if (!used.empty()) s += "\n" + cluster_variables(used);
  for (const ClusterAccess* c : used) s += "\n" + cluster_function(*c);
  RequestMap map(clusters);
  std::size_t n = 0;
  for (const Json& op : ops) {
    ++n;
    s += op_heading(op, n, ops.size());
    for (const Request& r : map.map(op)) s += request_lines(r, find_cluster(clusters, r.cluster));
    s += fmt::format("echo {}\n", shell_word(fmt::format("ok  {}/{} {}", n, ops.size(), describe(op))));
  }
  if (ops.empty()) {
    s += "\necho 'No changes: the plan has no operations.'\n";
  } else {
    s += "\nunset response\n";
    s += fmt::format("echo {}\n", shell_word(fmt::format("Apply complete: {} operation{} applied.", ops.size(),
                                                          ops.size() == 1 ? "" : "s")));
  }
  return {{"apply.sh", s, true}};
}

}  // namespace entryc::consul_http
