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
  target_compile_options(entryc_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-omit-frame-pointer)
  target_link_options(entryc_options INTERFACE -fsanitize=address,undefined)
endif()
