# Rule plugins: shared libraries loaded at run time with Boost.DLL, built with
# hidden visibility into <build>/lib/entryc/plugins (the layout an install has).
set(ENTRYC_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/lib/entryc/plugins)

add_library(entryc_sdk INTERFACE)
target_include_directories(entryc_sdk INTERFACE ${PROJECT_SOURCE_DIR}/plugins/sdk/include)
target_link_libraries(entryc_sdk INTERFACE nlohmann_json::nlohmann_json)

# entryc_add_plugin(NAME SOURCES... DOCS rule-id...)
#   Builds lib/entryc/plugins/entryc-NAME.so from SOURCES and embeds
#   docs/rules/<rule-id>.md for each rule as NAME_docs.hpp
#   (namespace docs { inline constexpr const char* rule_id_with_underscores = ...; }).
function(entryc_add_plugin name)
  cmake_parse_arguments(P "" "" "SOURCES;DOCS" ${ARGN})
  set(header ${CMAKE_CURRENT_BINARY_DIR}/generated/${name}_docs.hpp)
  set(md_files "")
  foreach(id ${P_DOCS})
    list(APPEND md_files ${PROJECT_SOURCE_DIR}/docs/rules/${id}.md)
  endforeach()
  string(REPLACE ";" "," ids "${P_DOCS}")
  add_custom_command(
    OUTPUT ${header}
    COMMAND ${CMAKE_COMMAND} -DOUT=${header} -DIDS=${ids} -DDOCS_DIR=${PROJECT_SOURCE_DIR}/docs/rules
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
    DEPENDS ${md_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
    COMMENT "Embedding rule docs for ${name}")
  add_library(${name} MODULE ${P_SOURCES} ${header})
  set_target_properties(${name} PROPERTIES
    PREFIX "" OUTPUT_NAME "entryc-${name}"
    LIBRARY_OUTPUT_DIRECTORY ${ENTRYC_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE entryc_sdk entryc_options fmt::fmt)
  # Catch unresolved symbols at link time; clang's sanitizer runtimes are only
  # linked into the executable, so plugins built with them must allow them.
  if(NOT (ENTRYC_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "Clang"))
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${name} LIBRARY DESTINATION lib/entryc/plugins)
endfunction()

# entryc_add_plugin_tests(NAME SOURCES...): a GoogleTest binary of rule table
# tests that lint through the real plugins of this build.
function(entryc_add_plugin_tests name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE entryc_test_support GTest::gtest GTest::gtest_main entryc_options)
  target_compile_options(${name} PRIVATE -Wno-missing-field-initializers)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()
