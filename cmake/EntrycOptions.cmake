# Warnings, sanitizers and fuzzing switches shared by every target.
add_library(entryc_options INTERFACE)
target_compile_options(entryc_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                       -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference)
if(ENTRYC_WERROR)
  target_compile_options(entryc_options INTERFACE -Werror)
endif()
if(ENTRYC_SANITIZE)
  target_compile_options(entryc_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(entryc_options INTERFACE -fsanitize=address,undefined)
endif()
if(ENTRYC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ENTRYC_FUZZ needs clang (libFuzzer)")
  endif()
  # address,undefined by default; long runs may take "undefined" alone (docs/fuzzing.md).
  set(ENTRYC_FUZZ_SANITIZERS "address,undefined" CACHE STRING "sanitizers of the fuzz targets besides libFuzzer")
  if(ENTRYC_FUZZ_SANITIZERS STREQUAL "")
    message(FATAL_ERROR "ENTRYC_FUZZ_SANITIZERS must name at least one sanitizer (e.g. undefined)")
  endif()
  target_compile_options(entryc_options INTERFACE -fsanitize=fuzzer-no-link,${ENTRYC_FUZZ_SANITIZERS}
                         -fno-omit-frame-pointer)
  target_link_options(entryc_options INTERFACE -fsanitize=${ENTRYC_FUZZ_SANITIZERS})
endif()
# The sanitizers' runtimes expect the shared C++ runtime.
if(ENTRYC_SANITIZE OR ENTRYC_FUZZ)
  set(ENTRYC_STATIC_RUNTIME OFF)
endif()
# What this build does after that, for tests that check it (tests/e2e/install_test.py).
set(ENTRYC_STATIC_RUNTIME_USED ${ENTRYC_STATIC_RUNTIME} CACHE INTERNAL "ENTRYC_STATIC_RUNTIME in effect")

# entryc_static_runtime(TARGET): with ENTRYC_STATIC_RUNTIME, links libstdc++
# and libgcc into TARGET (an executable or a plugin). A plugin keeps its copy
# to itself (--exclude-libs): nothing C++ crosses the plugin boundary.
function(entryc_static_runtime target)
  if(ENTRYC_STATIC_RUNTIME)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "MODULE_LIBRARY")
      target_link_options(${target} PRIVATE -Wl,--exclude-libs,ALL)
    endif()
  endif()
endfunction()
