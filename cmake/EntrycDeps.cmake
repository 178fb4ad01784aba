# Every dependency comes from a Debian 12 package; nothing is downloaded.
#   tao-pegtl-dev  nlohmann-json3-dev  libfmt-dev  libboost-dev  libgtest-dev  libbenchmark-dev
find_package(pegtl 3.2 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt 9 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
if(ENTRYC_TESTS)
  find_package(GTest 1.12 REQUIRED)
endif()
if(ENTRYC_BENCH)
  find_package(benchmark 1.7 REQUIRED)
endif()
