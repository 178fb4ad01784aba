// An incomplete backend that says it is a backend in its symbol table
// (ENTRYC_BACKEND_MARKER_SYMBOL): `entryc plugins` loads and refuses it,
// `entryc lint`, which needs no backend, never loads it.
#include "entryc/plugin_abi.h"

extern "C" ENTRYC_PLUGIN_EXPORT void entryc_plugin_is_backend(void) {}

extern "C" ENTRYC_PLUGIN_EXPORT const entryc_plugin* entryc_plugin_entry(uint32_t) {
  static entryc_plugin p{};
  p.struct_size = sizeof p;
  p.abi_version = ENTRYC_PLUGIN_ABI_VERSION;
  p.name = {"marked", 6};
  p.version = {"0.0.1", 5};
  p.kind = ENTRYC_PLUGIN_BACKEND;
  return &p;
}
