// entryc check: can service A in cluster X call service B in cluster Y, and
// why — answered by the backend (the built-in runtime) from what was applied.
#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "../project_run.hpp"
#include "commands.hpp"

namespace entryc::cli {
namespace {

using Json = apply::Json;

const OptionSpec kOptions[] = {
    {"project", 0, "FILE", "the project file (default: entryc.hcl or topology.hcl, found upwards from here)"},
    ENTRYC_BACKEND_OPTIONS,
    {"path", 0, "PATH", "an HTTP request path, for L7 intentions (default: no HTTP request, an L4 question)"},
    {"method", 0, "METHOD", "the HTTP method (default GET when --path or --header is given)"},
    {"header", 0, "K=V", "an HTTP request header (repeatable)"},
    {"matrix", 0, "", "who can call whom across every cluster of the project"},
    {"format", 0, "FORMAT", "human (default) or json"},
    {"plugin-dir", 0, "DIR", "load plugins from DIR first (repeatable)"},
};

// cluster/service, cluster/partition/service or cluster/partition/namespace/service.
std::optional<Json> parse_service(std::string_view s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = s.find('/', start);
    parts.emplace_back(s.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (const std::string& p : parts) {
    if (p.empty()) return std::nullopt;
  }
  Json j = {{"cluster", parts.front()}, {"partition", "default"}, {"namespace", "default"}, {"service", parts.back()}};
  if (parts.size() == 3) j["partition"] = parts[1];
  if (parts.size() == 4) {
    j["partition"] = parts[1];
    j["namespace"] = parts[2];
  }
  if (parts.size() < 2 || parts.size() > 4) return std::nullopt;
  return j;
}

std::string show(const Json& s) {
  std::string out = s.value("service", "") + " (" + s.value("cluster", "") + "/" + s.value("partition", "");
  if (s.value("namespace", "default") != "default") out += "/" + s.value("namespace", "");
  return out + ")";
}

void print_decision(Context& ctx, const Json& src, const Json& dst, const Json& d) {
  const bool color = ctx.color_for(stdout);
  const bool allowed = d.value("allowed", false);
  const std::string verdict = allowed ? "ALLOWED" : "DENIED";
  std::printf("%s -> %s: %s\n", show(src).c_str(), show(dst).c_str(),
              color ? fmt::format("\033[1;{}m{}\033[0m", allowed ? 32 : 31, verdict).c_str() : verdict.c_str());
  for (const Json& step : d.value("trail", Json::array())) {
    const bool ok = step.value("ok", false);
    std::printf("  %s %-10s %s\n", ok ? "ok  " : "FAIL", step.value("check", "").c_str(),
                step.value("detail", "").c_str());
  }
  if (d.contains("reason") && !d["reason"].get<std::string>().empty()) {
    std::printf("  reason: %s\n", d["reason"].get<std::string>().c_str());
  }
}

int print_matrix(const Json& m, const std::string& format) {
  if (format == "json") {
    write_out(stdout, m.dump(2) + "\n");
    return kExitOk;
  }
  const Json& edges = m["edges"];
  std::size_t allowed = 0;
  std::string current;
  for (const Json& e : edges) {
    if (!e.value("allowed", false)) continue;
    ++allowed;
    const std::string dst = e.value("destination", "");
    if (dst != current) {
      std::printf("%s%s  <-\n", current.empty() ? "" : "\n", dst.c_str());
      current = dst;
    }
    std::printf("    %-50s %s\n", e.value("source", "").c_str(), e.value("via", "").c_str());
  }
  std::printf("%s%zu of %zu caller -> service pairs allowed (%zu services).\n", allowed ? "\n" : "", allowed,
              edges.size(), m.value("services", Json::array()).size());
  return kExitOk;
}

int run_check(Context& ctx, const Args& args) {
  const Command& self = kCheckCommand;
  const std::string format = args.get("format").value_or("human");
  if (format != "human" && format != "json") return usage_error(self, "--format must be human or json");
  const bool matrix = args.has("matrix");
  const auto& pos = args.positional();
  if (matrix ? !pos.empty() : pos.size() != 2) {
    return usage_error(self, matrix ? "--matrix takes no services" : "name a SOURCE and a DESTINATION service");
  }
  if (const int rc = require_utf8_names(self, pos); rc >= 0) return rc;
  Json req = {{"request", matrix ? "matrix" : "check"}};
  Json src, dst;
  if (!matrix) {
    const std::optional<Json> s = parse_service(pos[0]), d = parse_service(pos[1]);
    if (!s || !d) {
      return usage_error(self, "services are CLUSTER/SERVICE, CLUSTER/PARTITION/SERVICE or "
                               "CLUSTER/PARTITION/NAMESPACE/SERVICE");
    }
    src = *s;
    dst = *d;
    req["source"] = src;
    req["destination"] = dst;
    const std::vector<std::string> headers = args.all("header");
    if (args.has("path") || args.has("method") || !headers.empty()) {
      Json http = {{"path", args.get("path").value_or("/")}, {"method", args.get("method").value_or("GET")},
                   {"headers", Json::array()}};
      for (const std::string& h : headers) {
        const std::size_t eq = h.find('=');
        if (eq == std::string::npos || eq == 0) return usage_error(self, "--header takes NAME=VALUE");
        http["headers"].push_back({h.substr(0, eq), h.substr(eq + 1)});
      }
      req["http"] = http;
    }
  }
  ProjectRun run;
  ProjectRunOptions ro;
  ro.lint = false;  // the question is about what was applied, not about the files
  if (const int rc = load_project_run(self, ctx, args, run, ro); rc >= 0) return rc;
  std::unique_ptr<apply::Session> session = open_backend(self, args, run, false);
  if (!session) return kExitUsage;
  std::string error;
  const std::optional<Json> answer = session->request(req, error);
  if (!answer) {
    std::fprintf(stderr, "entryc check: %s\n", error.c_str());
    return kExitUsage;
  }
  if (answer->contains("error")) {
    std::fprintf(stderr, "entryc check: %s\n", (*answer)["error"].get<std::string>().c_str());
    return kExitUsage;
  }
  if (matrix) return print_matrix(*answer, format);
  if (format == "json") {
    Json out = *answer;
    out["source"] = src;
    out["destination"] = dst;
    write_out(stdout, out.dump(2) + "\n");
  } else {
    print_decision(ctx, src, dst, *answer);
  }
  return answer->value("allowed", false) ? kExitOk : kExitFindings;
}

}  // namespace

const Command kCheckCommand = {
    "check",
    "can SOURCE call DESTINATION? the answer and the reasoning, peer- and L7-aware",
    "entryc check SOURCE DESTINATION [--path P] [--method M] [--header K=V]... [--format human|json]\n"
    "       entryc check --matrix [--format human|json]",
    "Answers from what was applied to the backend (the built-in runtime by default): whether SOURCE may\n"
    "call DESTINATION, and why - the peering's state on both sides, the export that makes DESTINATION\n"
    "visible to SOURCE's cluster, whether SOURCE's sidecar token may read imported services, and the\n"
    "intention that decided (with its precedence) or the default that applied. Services are\n"
    "CLUSTER/SERVICE, CLUSTER/PARTITION/SERVICE or CLUSTER/PARTITION/NAMESPACE/SERVICE. With --path,\n"
    "--method or --header the question is one HTTP request and L7 permissions decide; without, an L7\n"
    "intention counts as not allowed, as in Consul's /v1/connect/intentions/check.\n"
    "Exit status: 0 allowed, 1 denied, 2 usage, I/O or backend error.",
    kOptions,
    run_check,
};

}  // namespace entryc::cli
