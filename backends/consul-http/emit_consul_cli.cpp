// The `consul-cli` format: a bash script of consul CLI commands, and the
// entry and rules files they read, written next to it.
#include <fmt/format.h>

#include "cli_map.hpp"
#include "emit.hpp"
#include "script_common.hpp"
#include "shell.hpp"

namespace entryc::consul_http {
namespace {

// The consul CLI reads these too; the per-cluster settings below must win.
constexpr const char* kUnset = R"(
# The consul CLI would read these as well: each cluster's settings are explicit below.
unset CONSUL_HTTP_TOKEN_FILE CONSUL_PARTITION CONSUL_NAMESPACE
)";

std::string cluster_function(const ClusterAccess& c) {
  std::string env = fmt::format("CONSUL_HTTP_ADDR=$addr_{} CONSUL_HTTP_TOKEN=$token_{}", c.shell, c.shell);
  if (!c.ca_file.empty()) env += " CONSUL_CACERT=" + shell_word(c.ca_file);
  if (!c.cert_file.empty()) env += " CONSUL_CLIENT_CERT=" + shell_word(c.cert_file);
  if (!c.key_file.empty()) env += " CONSUL_CLIENT_KEY=" + shell_word(c.key_file);
  if (!c.tls_server_name.empty()) env += " CONSUL_TLS_SERVER_NAME=" + shell_word(c.tls_server_name);
  if (c.tls_skip_verify) env += " CONSUL_HTTP_SSL_VERIFY=false";
  return fmt::format("# on_{} ARGS...: `consul ARGS...` against {}\non_{}() {{ {} consul \"$@\"; }}\n", c.shell, c.name,
                     c.shell, env);
}

std::string word(const Word& w) {
  switch (w.kind) {
    case Word::Kind::literal: return shell_word(w.text);
    case Word::Kind::var: return "\"$" + w.text + "\"";
    case Word::Kind::file: return "\"" + w.prefix + "$here/" + w.text + "\"";  // file_segment()s: nothing to quote
  }
  return {};
}

}  // namespace

std::vector<File> emit_consul_cli(const Json& plan, const std::vector<ClusterAccess>& clusters) {
  const Json& ops = plan_ops(plan);
  const std::vector<const ClusterAccess*> used = clusters_in(plan, clusters);
  ScriptInfo info;
  info.format = "consul-cli";
  info.project = member_text(plan, "project");
  info.what = "consul CLI commands";
  info.needs = "bash and the consul CLI (1.14.1 or later for peering); the entry and rules\n# files are read from next to this script";
  info.ops = ops.size();
  std::string s = script_header(info, used);
  s += "\nhere=$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\n";
  if (!used.empty()) s += "\n" + cluster_variables(used);
  s += kUnset;
  for (const ClusterAccess* c : used) s += "\n" + cluster_function(*c);
  std::vector<File> files;
  files.push_back({"apply.sh", "", true});
  CliMap map(clusters);
  std::size_t n = 0;
  for (const Json& op : ops) {
    ++n;
    CliCommand cmd = map.map(op);
    s += op_heading(op, n, ops.size());
    std::string line = "on_" + find_cluster(clusters, cmd.cluster).shell;
    for (const Word& w : cmd.args) line += " " + word(w);
    s += cmd.capture_var.empty() ? line + "\n" : cmd.capture_var + "=$(" + line + ")\n";
    s += fmt::format("echo {}\n", shell_word(fmt::format("ok  {}/{} {}", n, ops.size(), describe(op))));
    for (File& f : cmd.files) files.push_back(std::move(f));
  }
  if (ops.empty()) {
    s += "\necho 'No changes: the plan has no operations.'\n";
  } else {
    s += fmt::format("\necho {}\n", shell_word(fmt::format("Apply complete: {} operation{} applied.", ops.size(),
                                                            ops.size() == 1 ? "" : "s")));
  }
  files.front().text = std::move(s);
  return files;
}

}  // namespace entryc::consul_http
