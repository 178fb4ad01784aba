# Every dependency comes from a Debian 12 package; nothing is downloaded.
#   tao-pegtl-dev  nlohmann-json3-dev  libfmt-dev  libboost-dev  libgtest-dev  libbenchmark-dev
#   libcurl4-openssl-dev libssl-dev (the consul-http backend's live mode)
find_package(pegtl 3.2 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt 9 REQUIRED)
# What every target links for fmt. With ENTRYC_STATIC_RUNTIME, fmt's compiled
# part is built here (cmake/fmt_static.cpp over Debian's headers) instead of
# loading libfmt.so, which would load the shared libstdc++ with it.
if(ENTRYC_STATIC_RUNTIME)
  add_library(entryc_fmt STATIC ${CMAKE_CURRENT_LIST_DIR}/fmt_static.cpp)
  set_target_properties(entryc_fmt PROPERTIES
    POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(entryc_fmt SYSTEM PUBLIC
                             $<TARGET_PROPERTY:fmt::fmt-header-only,INTERFACE_INCLUDE_DIRECTORIES>)
else()
  add_library(entryc_fmt INTERFACE)
  target_link_libraries(entryc_fmt INTERFACE fmt::fmt)
endif()
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL 7.88 REQUIRED)
# libcurl's own TLS library: the HTTP client asks it whether an agent wanted a
# client certificate (CURLOPT_SSL_CTX_FUNCTION).
find_package(OpenSSL 3 REQUIRED)
if(ENTRYC_TESTS)
  find_package(GTest 1.12 REQUIRED)
endif()
if(ENTRYC_BENCH)
  find_package(benchmark 1.7 REQUIRED)
endif()
