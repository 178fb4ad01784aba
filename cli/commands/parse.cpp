// entryc parse: syntax check of many files (--check) or the syntax tree with
// positions (--ast).
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "../exit_codes.hpp"
#include "commands.hpp"
#include "entryc/document.hpp"
#include "entryc/load.hpp"

namespace entryc::cli {
namespace {

const OptionSpec kOptions[] = {
    {"check", 0, "", "check syntax and report every problem (the default)"},
    {"ast", 0, "", "print the syntax tree with positions as JSON"},
    {"consul", 0, "", "check JSON strictly, as `consul config write` reads it (encoding/json)"},
    {"dup-error", 0, "", "an attribute set twice in one block is an error (Consul's ACL-rule parser)"},
    {"format", 0, "FORMAT", "pretty (default on a terminal), compact or json"},
    {"exclude", 0, "GLOB", "skip paths matching GLOB (repeatable)"},
};

nlohmann::json pos_json(const SourceFile& f, std::uint32_t off) {
  const Position p = f.position(off);
  return {p.line, p.column};
}

nlohmann::json ast_json(const ast::Document& doc, const SourceFile& f, const ast::Value* v) {
  nlohmann::json j;
  j["kind"] = ast::to_string(v->kind);
  j["range"] = {pos_json(f, v->begin), pos_json(f, v->end)};
  switch (v->kind) {
    case ast::Kind::boolean: j["value"] = v->boolean(); break;
    case ast::Kind::integer:
    case ast::Kind::floating: j["lexeme"] = std::string(doc.lexeme(*v)); break;
    case ast::Kind::string:
      j["value"] = std::string(v->string());
      if (v->has(ast::kHeredoc)) j["heredoc"] = true;
      break;
    case ast::Kind::array:
      j["items"] = nlohmann::json::array();
      for (const ast::Value* e : v->items()) j["items"].push_back(ast_json(doc, f, e));
      break;
    case ast::Kind::object:
      j["members"] = nlohmann::json::array();
      for (const ast::Member& m : v->members()) {
        nlohmann::json mj;
        mj["keys"] = nlohmann::json::array();
        for (const ast::Key& k : m.keys()) {
          mj["keys"].push_back({{"name", std::string(k.name())},
                                {"raw", std::string(doc.raw(k))},
                                {"range", {pos_json(f, k.begin), pos_json(f, k.end)}}});
        }
        mj["block"] = m.is_block();
        mj["value"] = ast_json(doc, f, m.value);
        j["members"].push_back(std::move(mj));
      }
      break;
    case ast::Kind::null: break;
  }
  return j;
}

int run_parse(Context& ctx, const Args& args) {
  const Command& self = kParseCommand;
  if (args.has("check") && args.has("ast")) return usage_error(self, "--check and --ast exclude each other");
  render::Format format = ctx.default_format(stdout);
  if (auto f = args.get("format"); f && !parse_format(*f, format)) {
    return usage_error(self, "--format must be pretty, compact or json");
  }
  if (args.positional().empty()) return usage_error(self, "no input: give files, directories, or '-' for stdin");
  diag::Collector io;
  const std::vector<std::string> excludes = args.all("exclude");
  const std::vector<load::Input> inputs = load::expand(args.positional(), excludes, io);
  ReadOptions ropts;
  ropts.reader = args.has("consul") ? Reader::consul : Reader::hcl;
  ropts.dup_error = args.has("dup-error");
  ropts.decode = !args.has("ast");

  SourceManager sm;
  std::vector<diag::Diagnostic> all = std::move(io.diagnostics());
  bool io_failed = !all.empty();
  nlohmann::json trees = nlohmann::json::array();
  std::size_t files = 0;
  for (const load::Input& in : inputs) {
    diag::Collector sink;
    const std::optional<FileId> id = load::read(sm, in, sink);
    if (!id) {
      io_failed = true;
    } else {
      ++files;
      ParsedDocument pd = read_document(sm, *id, sink, ropts);
      if (pd.accepted() && pd.doc.root && pd.doc.root->count == 0) {
        sink.report(diag::make(diag::Severity::note, "core-empty", "the file has no content",
                               SourceRange{*id, 0, 0},
                               "HCL decodes an empty or comment-only file to an empty object; Consul rejects it "
                               "as a config entry (no Kind)."));
      }
      if (args.has("ast") && pd.doc.root) {
        trees.push_back({{"file", in.name}, {"root", ast_json(pd.doc, sm.file(*id), pd.doc.root)}});
      }
    }
    for (diag::Diagnostic& d : sink.diagnostics()) all.push_back(std::move(d));
  }
  if (args.has("ast")) write_out(stdout, trees.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  const bool errors = std::any_of(all.begin(), all.end(),
                                  [](const diag::Diagnostic& d) { return d.severity == diag::Severity::error; });
  if (args.has("ast")) {
    ctx.print(stderr, sm, all, ctx.default_format(stderr));
  } else {
    ctx.print(stdout, sm, all, format);
    if (format == render::Format::pretty) {
      std::fprintf(stderr, "checked %zu file%s: %s\n", files, files == 1 ? "" : "s", render::tally(all).c_str());
    }
  }
  if (io_failed) return kExitUsage;
  return errors ? kExitFindings : kExitOk;
}

}  // namespace

const Command kParseCommand = {
    "parse",
    "check the syntax of HCL1/JSON files, or print their syntax tree",
    "entryc parse [--check | --ast] [--consul] [--dup-error] [--format F] PATH...|-",
    "Parses every FILE (directories are walked for *.hcl and *.json) exactly as HashiCorp's HCL v1 parser\n"
    "does and reports every problem with its position. It also warns where HCL v1 silently accepts something\n"
    "that is almost certainly a mistake (a swallowed error, a value cut off at the end of the file, an\n"
    "attribute set twice, JSON that only HCL's lenient JSON parser accepts).\n"
    "Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.",
    kOptions,
    run_parse,
};

}  // namespace entryc::cli
