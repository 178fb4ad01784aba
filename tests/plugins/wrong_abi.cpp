// A plugin built for a future ABI version: the host must refuse it and name both versions.
#include "entryc/plugin_abi.h"

extern "C" ENTRYC_PLUGIN_EXPORT const entryc_plugin* entryc_plugin_entry(uint32_t) {
  static entryc_plugin p{};
  p.struct_size = sizeof p;
  p.abi_version = 99;
  p.name = {"wrong-abi", 9};
  p.version = {"0.0.1", 5};
  p.kind = ENTRYC_PLUGIN_RULES;
  return &p;
}
