// A backend that lacks its functions: the host must refuse it.
#include "entryc/plugin_abi.h"

extern "C" ENTRYC_PLUGIN_EXPORT const entryc_plugin* entryc_plugin_entry(uint32_t) {
  static entryc_plugin p{};
  p.struct_size = sizeof p;
  p.abi_version = ENTRYC_PLUGIN_ABI_VERSION;
  p.name = {"incomplete", 10};
  p.version = {"0.0.1", 5};
  p.kind = ENTRYC_PLUGIN_BACKEND;
  return &p;
}
