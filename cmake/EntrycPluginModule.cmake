# What makes a shared library an entryc plugin, shared by the in-tree build
# (EntrycPlugins.cmake) and installed with the SDK for plugins built outside
# it (entryc-config.cmake): no "lib" prefix, hidden visibility so that only
# the entry symbol is exported, and unresolved symbols caught at link time.
include_guard(GLOBAL)

# entryc_plugin_properties(TARGET OUTPUT_NAME)
function(entryc_plugin_properties target output)
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME "${output}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  # clang's sanitizer and libFuzzer runtimes are only linked into the
  # executable, so plugins built with them must allow unresolved symbols.
  if(NOT ((ENTRYC_SANITIZE OR ENTRYC_FUZZ) AND CMAKE_CXX_COMPILER_ID MATCHES "Clang"))
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
endfunction()
