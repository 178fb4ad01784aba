// libFuzzer target: both JSON front ends (strict, as encoding/json; lenient,
// as HashiCorp's HCL v1 JSON parser) and their decode views.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "entryc/document.hpp"
#include "entryc/hcl_writer.hpp"
#include "entryc/json.hpp"

namespace {
class NullSink final : public entryc::diag::Sink {
 public:
  void report(entryc::diag::Diagnostic d) override {
    if (d.code.empty() || d.summary.empty()) std::abort();
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Always JSON: prefix a '{' so that both readers take the JSON path.
  std::string text = "{";
  text.append(reinterpret_cast<const char*>(data), size);
  entryc::SourceManager sm;
  const entryc::FileId id = sm.add("fuzz.json", std::move(text));
  NullSink sink;
  for (const entryc::Reader r : {entryc::Reader::hcl, entryc::Reader::consul}) {
    entryc::ReadOptions o;
    o.reader = r;
    entryc::ParsedDocument pd = entryc::read_document(sm, id, sink, o);
    if (pd.accepted()) {
      std::string out;
      entryc::generic::write_json(pd.tree.root, out);
      std::string hcl;
      entryc::hcl::write(pd.doc, hcl, sink);
    }
  }
  return 0;
}
