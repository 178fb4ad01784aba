#include "entryc/plugin_host.hpp"

#include <dlfcn.h>
#include <elf.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

#include "entryc/node_tree.hpp"

namespace entryc::plugins {
namespace fs = std::filesystem;

namespace {

std::string to_string(entryc_str s) { return std::string(s.ptr ? s.ptr : "", s.len); }

void load_error(diag::Sink& sink, std::string summary, std::string detail) {
  sink.report(diag::make(diag::Severity::error, "core-plugin-load", std::move(summary), {}, std::move(detail)));
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const std::size_t sp = s.find(' ');
    if (sp != 0) out.emplace_back(s.substr(0, sp));
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
  return out;
}

struct CallContext {
  const Plugin* plugin;
  const ReportFn* fn;
};

void host_report(void* ctx, const entryc_report* r) {
  auto* c = static_cast<CallContext*>(ctx);
  if (!r || r->struct_size < offsetof(entryc_report, note)) return;
  (*c->fn)(*c->plugin, *r);
}

const entryc_host kHostTable = {sizeof(entryc_host), ENTRYC_PLUGIN_ABI_VERSION, &host_report};

// What the ELF shared object at `path` exports, read from its dynamic symbol
// table (what the loader uses, and what survives `strip`) without loading it:
// a foreign library's constructors must not run in our process. Boost.DLL's
// library_info reads the static .symtab instead, pairs it with the wrong
// string table on some linkers' section layouts, and finds nothing in
// stripped libraries.
struct Exports {
  bool entry = false;    // ENTRYC_PLUGIN_ENTRY_SYMBOL, a function
  bool backend = false;  // ENTRYC_BACKEND_MARKER_SYMBOL, a function
  std::optional<std::string> manifest;  // ENTRYC_PLUGIN_MANIFEST_SYMBOL's text
};

// Throws std::runtime_error when the file is not a 64-bit ELF shared object.
Exports inspect(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  auto read = [&](std::uint64_t off, void* out, std::size_t n) {
    f.seekg(static_cast<std::streamoff>(off));
    f.read(static_cast<char*>(out), static_cast<std::streamsize>(n));
    if (!f) throw std::runtime_error("truncated or unreadable ELF file");
  };
  Elf64_Ehdr eh{};
  if (!f) throw std::runtime_error("cannot open the file");
  read(0, &eh, sizeof eh);
  if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) throw std::runtime_error("not an ELF file");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_DYN) {
    throw std::runtime_error("not a 64-bit ELF shared library");
  }
  if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum > 4096) throw std::runtime_error("malformed section table");
  std::vector<Elf64_Shdr> sections(eh.e_shnum);
  if (!sections.empty()) read(eh.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr));
  Exports out;
  for (const Elf64_Shdr& sh : sections) {
    if (sh.sh_type != SHT_DYNSYM || sh.sh_link >= sections.size() || sh.sh_entsize != sizeof(Elf64_Sym)) continue;
    const Elf64_Shdr& strtab = sections[sh.sh_link];
    constexpr std::uint64_t kLimit = 64u << 20;  // no plugin has 64 MiB of dynamic symbols
    if (sh.sh_size > kLimit || strtab.sh_size > kLimit) throw std::runtime_error("malformed symbol table");
    std::vector<Elf64_Sym> syms(sh.sh_size / sizeof(Elf64_Sym));
    std::string names(strtab.sh_size, '\0');
    if (!syms.empty()) read(sh.sh_offset, syms.data(), syms.size() * sizeof(Elf64_Sym));
    if (!names.empty()) read(strtab.sh_offset, names.data(), names.size());
    // Without measuring every name: a big backend has thousands.
    auto is = [&](const Elf64_Sym& sym, std::string_view want) {
      return names.size() - sym.st_name > want.size() && names.compare(sym.st_name, want.size(), want) == 0 &&
             names[sym.st_name + want.size()] == '\0';
    };
    for (const Elf64_Sym& sym : syms) {
      if (sym.st_shndx == SHN_UNDEF || sym.st_name >= names.size() || ELF64_ST_BIND(sym.st_info) == STB_LOCAL) continue;
      if (ELF64_ST_TYPE(sym.st_info) == STT_FUNC) {
        out.entry |= is(sym, ENTRYC_PLUGIN_ENTRY_SYMBOL);
        out.backend |= is(sym, ENTRYC_BACKEND_MARKER_SYMBOL);
      } else if (ELF64_ST_TYPE(sym.st_info) == STT_OBJECT && is(sym, ENTRYC_PLUGIN_MANIFEST_SYMBOL) &&
                 sym.st_shndx < sections.size() && sym.st_size > 0 && sym.st_size <= (1u << 20)) {
        // Where the loader would map it: an offset into its (file-backed) section.
        const Elf64_Shdr& in = sections[sym.st_shndx];
        if (in.sh_type == SHT_NOBITS || sym.st_value < in.sh_addr || sym.st_value - in.sh_addr > in.sh_size ||
            in.sh_size - (sym.st_value - in.sh_addr) < sym.st_size) {
          continue;
        }
        std::string text(sym.st_size, '\0');
        read(in.sh_offset + (sym.st_value - in.sh_addr), text.data(), text.size());
        if (text.back() == '\0') out.manifest = text.substr(0, text.find('\0'));
      }
    }
    break;
  }
  return out;
}

// The kinds and rule ids of a manifest ("kinds K...\nrules R...\n"); nullopt
// when it is not one.
std::optional<std::pair<std::vector<std::string>, std::vector<std::string>>> parse_manifest(std::string_view text) {
  constexpr std::string_view kKinds = "kinds", kRules = "\nrules";
  const std::size_t rules = text.find(kRules);
  if (text.substr(0, kKinds.size()) != kKinds || rules == std::string_view::npos || text.back() != '\n') {
    return std::nullopt;
  }
  const std::string_view kinds = text.substr(kKinds.size(), rules - kKinds.size());
  const std::string_view ids = text.substr(rules + kRules.size(), text.size() - 1 - rules - kRules.size());
  return std::pair{split_words(kinds), split_words(ids)};
}

}  // namespace

Host::Host() = default;
Host::~Host() = default;

std::string Host::default_plugin_dir() {
  boost::dll::fs::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  if (ec) return {};
  return (exe.parent_path().parent_path() / "lib" / "entryc" / "plugins").lexically_normal().string();
}

bool Host::load_file(const std::string& path, diag::Sink& sink, Loading mode) {
  // Inspect the file before loading it: a foreign library's constructors
  // must not run in our process.
  try {
    const Exports found = inspect(path);
    if (mode != Loading::all && found.entry && found.backend) return true;  // a backend; this command needs none
    if (found.entry && mode == Loading::on_demand && found.manifest) {
      if (auto m = parse_manifest(*found.manifest)) {
        on_demand_.push_back({path, std::move(m->first), std::move(m->second)});
        return true;
      }
    }
    if (!found.entry) {
      load_error(sink, fmt::format("'{}' is not an entryc plugin", path),
                 fmt::format("It does not export '{}'. Remove it from the plugin directory, or build it with "
                             "the entryc plugin SDK.",
                             ENTRYC_PLUGIN_ENTRY_SYMBOL));
      return false;
    }
  } catch (const std::exception& e) {
    load_error(sink, fmt::format("'{}' is not a loadable shared library", path), e.what());
    return false;
  }
  auto lib = std::make_shared<boost::dll::shared_library>();
  try {
    // RTLD_NODELETE: a plugin stays mapped until the process exits. Unloading
    // one gains nothing in a run of entryc and breaks what a plugin may leave
    // behind: thread_local objects (LeakSanitizer read the freed TLS block of
    // an unloaded plugin at exit), atexit handlers and static destructors.
    lib->load(path, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now |
                        static_cast<boost::dll::load_mode::type>(RTLD_NODELETE));
  } catch (const std::exception& e) {
    load_error(sink, fmt::format("cannot load plugin '{}'", path), e.what());
    return false;
  }
  auto entry = lib->get<const entryc_plugin*(std::uint32_t)>(ENTRYC_PLUGIN_ENTRY_SYMBOL);
  const entryc_plugin* d = entry(ENTRYC_PLUGIN_ABI_VERSION);
  if (!d) {
    load_error(sink, fmt::format("plugin '{}' refused to load", path), "Its entry point returned nothing.");
    return false;
  }
  if (d->abi_version < ENTRYC_PLUGIN_ABI_OLDEST || d->abi_version > ENTRYC_PLUGIN_ABI_VERSION ||
      d->struct_size < offsetof(entryc_plugin, normalize) + sizeof d->normalize) {
    load_error(sink,
               fmt::format("plugin '{}' was built for plugin ABI version {}, but this entryc speaks version {}",
                           path, d->abi_version,
                           ENTRYC_PLUGIN_ABI_OLDEST == ENTRYC_PLUGIN_ABI_VERSION
                               ? fmt::format("{}", ENTRYC_PLUGIN_ABI_VERSION)
                               : fmt::format("{} to {}", ENTRYC_PLUGIN_ABI_OLDEST, ENTRYC_PLUGIN_ABI_VERSION)),
               "Rebuild the plugin against this entryc's SDK (include/entryc/plugin_abi.h).");
    return false;
  }
  const bool backend = d->kind == ENTRYC_PLUGIN_BACKEND;
  if (backend && (d->abi_version < 2 || d->struct_size < sizeof(entryc_plugin) || !d->open || !d->snapshot ||
                  !d->apply || !d->request || !d->commit || !d->close)) {
    load_error(sink, fmt::format("backend plugin '{}' is incomplete", path),
               "A backend needs ABI version 2 and all of open, snapshot, apply, request, commit and close.");
    return false;
  }
  if (!backend && (d->kind != ENTRYC_PLUGIN_RULES || !d->check)) {
    load_error(sink, fmt::format("plugin '{}' is neither a rules nor a backend plugin", path),
               "Its descriptor names an unknown kind or lacks its check function.");
    return false;
  }
  auto p = std::make_unique<Plugin>();
  p->name = to_string(d->name);
  p->version = to_string(d->version);
  p->path = path;
  p->abi_version = d->abi_version;
  p->backend = backend;
  p->library = lib;
  p->descriptor = d;
  for (const auto& existing : plugins_) {
    if (existing->name == p->name) {
      sink.report(diag::make(diag::Severity::warning, "core-plugin-load",
                             fmt::format("plugin '{}' at '{}' is ignored: already loaded from '{}'", p->name, path,
                                         existing->path),
                             {}, "The first directory on the plugin search path wins."));
      return true;
    }
  }
  bool ok = true;
  for (std::size_t i = 0; i < d->rule_count; ++i) {
    const entryc_rule_info& ri = d->rules[i];
    RuleInfo r;
    r.id = to_string(ri.id);
    r.summary = to_string(ri.summary);
    r.severity = ri.severity == ENTRYC_SEVERITY_ERROR     ? diag::Severity::error
                 : ri.severity == ENTRYC_SEVERITY_WARNING ? diag::Severity::warning
                                                          : diag::Severity::note;
    r.preset = to_string(ri.preset);
    r.kinds = split_words(to_string(ri.kinds));
    r.doc = to_string(ri.doc);
    if (const RuleInfo* other = rule(r.id)) {
      load_error(sink,
                 fmt::format("rule '{}' is defined by both plugin '{}' ({}) and plugin '{}' ({})", r.id,
                             other->plugin->name, other->plugin->path, p->name, path),
                 "Rule ids must be unique; remove or rename one of the plugins.");
      ok = false;
      continue;
    }
    r.plugin = p.get();
    p->rules.push_back(std::move(r));
  }
  if (!ok) return false;
  plugins_.push_back(std::move(p));
  return true;
}

bool Host::load(std::span<const std::string> plugin_dirs, diag::Sink& sink, Loading mode) {
  search_path_.assign(plugin_dirs.begin(), plugin_dirs.end());
  if (const char* env = std::getenv("ENTRYC_PLUGIN_PATH")) {
    std::string_view s = env;
    while (!s.empty()) {
      const std::size_t c = s.find(':');
      if (c != 0) search_path_.emplace_back(s.substr(0, c));
      if (c == std::string_view::npos) break;
      s.remove_prefix(c + 1);
    }
  }
  const std::string own = default_plugin_dir();
  if (!own.empty()) search_path_.push_back(own);
  bool ok = true;
  for (std::size_t i = 0; i < search_path_.size(); ++i) {
    const std::string& dir = search_path_[i];
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      // Explicit directories must exist; the built-in one may not (a bare binary).
      if (i < plugin_dirs.size()) {
        std::error_code ec2;
        load_error(sink,
                   fs::exists(dir, ec2) ? fmt::format("plugin directory '{}' is not a directory", dir)
                                        : fmt::format("plugin directory '{}' does not exist", dir),
                   "Check --plugin-dir.");
        ok = false;
      }
      continue;
    }
    std::vector<std::string> files;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      load_error(sink, fmt::format("cannot read plugin directory '{}': {}", dir, ec.message()), "Check --plugin-dir.");
      ok = false;
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      std::error_code ec2;
      if (it->path().extension() == ".so" && it->is_regular_file(ec2)) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) ok = load_file(f, sink, mode) && ok;
  }
  return ok;
}

void Host::load_for(std::string_view kind) const {
  for (OnDemand& p : on_demand_) {  // load_file(..., Loading::rules) adds nothing to it
    if (p.tried || std::find(p.kinds.begin(), p.kinds.end(), kind) == p.kinds.end()) continue;
    p.tried = true;
    diag::Collector problems;
    const_cast<Host&>(*this).load_file(p.path, problems, Loading::rules);
    for (diag::Diagnostic& d : problems.diagnostics()) load_problems_.push_back(std::move(d));
  }
}

std::vector<diag::Diagnostic> Host::take_load_problems() const { return std::exchange(load_problems_, {}); }

std::vector<std::string> Host::rule_ids() const {
  std::vector<std::string> out;
  for (const RuleInfo* r : rules()) out.push_back(r->id);
  for (const OnDemand& p : on_demand_) {
    if (!p.tried) out.insert(out.end(), p.rules.begin(), p.rules.end());
  }
  return out;
}

const RuleInfo* Host::rule(std::string_view id) const {
  for (const auto& p : plugins_) {
    for (const RuleInfo& r : p->rules) {
      if (r.id == id) return &r;
    }
  }
  return nullptr;
}

const Plugin* Host::backend(std::string_view name) const {
  for (const auto& p : plugins_) {
    if (p->backend && p->name == name) return p.get();
  }
  return nullptr;
}

std::vector<const RuleInfo*> Host::rules() const {
  std::vector<const RuleInfo*> out;
  for (const auto& p : plugins_) {
    for (const RuleInfo& r : p->rules) out.push_back(&r);
  }
  std::sort(out.begin(), out.end(), [](const RuleInfo* a, const RuleInfo* b) { return a->id < b->id; });
  return out;
}

Host::Normalized Host::normalize(std::string_view kind, std::string_view json, std::string_view edition,
                                 std::string_view options) const {
  load_for(kind);
  Normalized out;
  for (const auto& p : plugins_) {
    if (!p->descriptor->normalize) continue;
    // A plugin that once said it does not normalize this kind is not asked again.
    const std::pair<const Plugin*, std::string> key{p.get(), std::string(kind)};
    if (declined_.count(key)) continue;
    entryc_document doc{};
    doc.struct_size = sizeof doc;
    doc.kind = {kind.data(), kind.size()};
    doc.json = {json.data(), json.size()};
    doc.edition = {edition.data(), edition.size()};
    doc.options = {options.data(), options.size()};
    entryc_str result{}, error{};
    const int rc = p->descriptor->normalize(&doc, &result, &error);
    if (rc == 1) {
      declined_.insert(key);
      continue;
    }
    out.plugin = p.get();
    if (rc == 0) {
      out.status = Normalized::Status::ok;
      out.json = to_string(result);
    } else {
      out.status = rc == 2 ? Normalized::Status::rejected : Normalized::Status::failed;
      out.error = to_string(error);
    }
    return out;
  }
  return out;
}

namespace {
bool applies(const Plugin& p, std::string_view kind) {
  return std::any_of(p.rules.begin(), p.rules.end(), [&](const RuleInfo& r) {
    return std::find(r.kinds.begin(), r.kinds.end(), kind) != r.kinds.end();
  });
}
}  // namespace

bool Host::checks(std::string_view kind) const {
  load_for(kind);
  return std::any_of(plugins_.begin(), plugins_.end(), [&](const auto& p) { return applies(*p, kind); });
}

void Host::check(std::string_view kind, const Document& document, std::string_view edition, std::string_view name,
                 const ReportFn& fn, diag::Sink& failures, SourceRange where, std::string_view options,
                 std::string_view skip) const {
  load_for(kind);
  std::string written;  // the tree as text, for plugins older than ABI 3
  for (const auto& p : plugins_) {
    if (!applies(*p, kind)) continue;
    entryc_document doc{};
    doc.struct_size = sizeof doc;
    doc.kind = {kind.data(), kind.size()};
    if (document.root && p->abi_version >= 3) {
      doc.root = document.root;
    } else if (document.root) {
      if (written.empty()) written = node_json(*document.root);
      doc.json = {written.data(), written.size()};
    } else {
      doc.json = {document.json.data(), document.json.size()};
    }
    doc.edition = {edition.data(), edition.size()};
    doc.name = {name.data(), name.size()};
    doc.options = {options.data(), options.size()};
    doc.skip = {skip.data(), skip.size()};
    CallContext ctx{p.get(), &fn};
    entryc_str error{};
    const int rc = p->descriptor->check(&kHostTable, &ctx, &doc, &error);
    if (rc != 0) {
      diag::Diagnostic d = diag::make(diag::Severity::error, "core-plugin-failure",
                                      fmt::format("plugin '{}' failed: {}", p->name, to_string(error)), where,
                                      "The other plugins' results are complete; this plugin's may not be. Report "
                                      "it to the plugin's authors.");
      failures.report(std::move(d));
    }
  }
}

}  // namespace entryc::plugins
