// entryc convert: HCL1 -> JSON (the decode view Consul sees) and JSON -> HCL1.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "commands.hpp"
#include "entryc/document.hpp"
#include "entryc/hcl_writer.hpp"
#include "entryc/load.hpp"
#include "entryc/render.hpp"
#include "entryc/utf8.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"to", 0, "FORMAT", "json (default): the decoded tree as canonical JSON; hcl: HCL v1 text"},
    {"consul", 0, "", "read JSON input as `consul config write` does (encoding/json) instead of hcl.Decode"},
    {"dup-error", 0, "", "reject attributes set twice in one block (Consul's ACL-rule parser)"},
    {"indent", 0, "", "indent JSON output"},
    {"output", 'o', "DIR", "write DIR/<name>.json (or .hcl), or DIR/<name>.err when a file is rejected"},
    {"quiet", 'q', "", "do not print warnings"},
    {"format", 0, "FORMAT", "diagnostics on stderr: pretty, compact or json"},
};

bool write_file(const std::filesystem::path& p, const std::string& data) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << data;
  return static_cast<bool>(f);
}

int run_convert(Context& ctx, const Args& args) {
  const Command& self = kConvertCommand;
  const std::string to = args.get("to").value_or("json");
  if (to != "json" && to != "hcl") return usage_error(self, fmt::format("--to must be json or hcl, not '{}'", to));
  render::Format format = ctx.default_format(stderr);
  if (auto f = args.get("format"); f && !parse_format(*f, format)) {
    return usage_error(self, "--format must be pretty, compact or json");
  }
  if (args.positional().empty()) return usage_error(self, "no input: give one or more files, or '-' for stdin");
  const auto out_dir = args.get("output");
  if (out_dir) {
    std::error_code ec;
    std::filesystem::create_directories(*out_dir, ec);
    if (ec) {
      std::fprintf(stderr, "entryc convert: cannot create '%s': %s\n", out_dir->c_str(), ec.message().c_str());
      return kExitUsage;
    }
  }
  const bool multi = args.positional().size() > 1 && !out_dir;
  const bool quiet = args.has("quiet");
  ReadOptions ropts;
  ropts.reader = args.has("consul") ? Reader::consul : Reader::hcl;
  ropts.dup_error = args.has("dup-error");
  if (to == "hcl") {
    ropts.reader = Reader::consul;  // JSON -> HCL converts what standard JSON means
    ropts.decode = false;
  }

  SourceManager sm;
  int status = kExitOk;
  std::string stdout_buf;
  std::vector<diag::Diagnostic> shown;
  for (const std::string& path : args.positional()) {
    diag::Collector sink;
    const load::Input in{path == "-" ? std::string("<stdin>") : path, path == "-"};
    const std::optional<FileId> id = load::read(sm, in, sink);
    if (!id) {
      status = kExitUsage;
      ctx.print(stderr, sm, sink.diagnostics(), format);
      continue;
    }
    ParsedDocument pd = read_document(sm, *id, sink, ropts);
    std::string result;
    bool ok = pd.accepted();
    if (ok && to == "json") {
      generic::write_json(pd.tree.root, result, args.has("indent") && !multi);
    } else if (ok) {
      ok = hcl::write(pd.doc, result, sink);
    }
    const std::string base = path == "-" ? std::string("stdin") : std::filesystem::path(path).filename().string();
    if (ok) {
      if (out_dir) {
        write_file(std::filesystem::path(*out_dir) / (base + (to == "json" ? ".json" : ".hcl")),
                   result + (to == "json" ? "\n" : ""));
      } else if (multi) {
        stdout_buf += path + "\t" + result + "\n";
      } else {
        stdout_buf += result + (to == "json" ? "\n" : "");
      }
    } else {
      if (status == kExitOk) status = kExitFindings;
      std::string first;
      if (!pd.reference_error.empty()) {
        first = render::one_line(pd.reference_error);
      } else {
        for (const diag::Diagnostic& d : sink.diagnostics()) {
          if (d.severity == diag::Severity::error) {
            first = d.summary;
            break;
          }
        }
      }
      if (out_dir) {
        const std::string text = "error: " + first + "\n";
        write_file(std::filesystem::path(*out_dir) / (base + ".err"), utf8::sanitize(text));
      } else if (multi) {
        stdout_buf += path + "\terror: " + first + "\n";
      }
    }
    for (diag::Diagnostic& d : sink.diagnostics()) {
      if (d.severity == diag::Severity::error ? !out_dir && !multi : !quiet && !out_dir) {
        shown.push_back(std::move(d));
      }
    }
    if (stdout_buf.size() > (1u << 20)) {
      write_out(stdout, stdout_buf);
      stdout_buf.clear();
    }
  }
  write_out(stdout, stdout_buf);
  if (!shown.empty()) ctx.print(stderr, sm, shown, format);
  return status;
}

}  // namespace

const Command kConvertCommand = {
    "convert",
    "convert HCL1 to the JSON Consul decodes, or JSON to HCL1",
    "entryc convert [--to json|hcl] [--consul] [--dup-error] [-o DIR] FILE...|-",
    "Decodes each FILE exactly as HashiCorp's hcl.Decode does (blocks become lists of one object, repeated\n"
    "blocks accumulate, the last repeated scalar wins) and prints the result as canonical JSON: keys sorted,\n"
    "integers and floats kept apart. With --consul, JSON input is read the way `consul config write` reads it.\n"
    "With --to hcl the input is written as HCL v1 (in the layout of `entryc fmt`). Several FILEs print one '<FILE><TAB><result>' line each.\n"
    "Exit status: 0 all converted, 1 some FILE rejected, 2 usage or I/O error.",
    kOptions,
    run_convert,
};

}  // namespace entryc::cli
