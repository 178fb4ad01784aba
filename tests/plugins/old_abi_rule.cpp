// A rules plugin built against ABI version 1 (its descriptor ends after
// `normalize`): this entryc must still load and run it.
#include <cstddef>

#include "entryc/plugin_abi.h"

namespace {

int check(const entryc_host* host, void* ctx, const entryc_document* doc, entryc_str*) {
  entryc_report r{};
  r.struct_size = sizeof r;
  r.rule_id = {"old-abi-says-hello", 18};
  r.severity = -1;
  r.path = {"Name", 4};
  r.summary = {"hello from an ABI 1 plugin", 26};
  (void)doc;
  host->report(ctx, &r);
  return 0;
}

const entryc_rule_info kRule = {sizeof(entryc_rule_info), {"old-abi-says-hello", 18}, {"says hello", 10},
                                ENTRYC_SEVERITY_WARNING, {"recommended", 11}, {"exported-services", 17},
                                {"# old-abi-says-hello\n", 21}};

}  // namespace

extern "C" ENTRYC_PLUGIN_EXPORT const entryc_plugin* entryc_plugin_entry(uint32_t) {
  static entryc_plugin p{};
  p.struct_size = offsetof(entryc_plugin, normalize) + sizeof p.normalize;
  p.abi_version = 1;
  p.name = {"old-abi", 7};
  p.version = {"0.0.1", 5};
  p.kind = ENTRYC_PLUGIN_RULES;
  p.rules = &kRule;
  p.rule_count = 1;
  p.check = check;
  return &p;
}
