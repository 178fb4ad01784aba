// libFuzzer target: the HCL v1 front end, the duplicate check, the decode
// view and both writers. Any crash, sanitizer report or broken invariant is
// a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "entryc/document.hpp"
#include "entryc/hcl_writer.hpp"

namespace {
class NullSink final : public entryc::diag::Sink {
 public:
  void report(entryc::diag::Diagnostic d) override {
    // Every diagnostic has a code, a summary and a range inside the file.
    if (d.code.empty() || d.summary.empty()) std::abort();
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("fuzz.hcl", std::string(reinterpret_cast<const char*>(data), size));
  NullSink sink;
  for (const bool dup : {false, true}) {
    entryc::ReadOptions o;
    o.dup_error = dup;
    entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, o);
    if (pd.accepted()) {
      std::string json;
      entryc::generic::write_json(pd.tree.root, json);
      std::string hcl;
      entryc::hcl::write(pd.doc, hcl, sink);
    }
  }
  return 0;
}
