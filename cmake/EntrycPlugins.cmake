# Rule plugins: shared libraries loaded at run time with Boost.DLL, built with
# hidden visibility into <build>/lib/entryc/plugins (the layout an install has).
set(ENTRYC_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/lib/entryc/plugins)

include(EntrycPluginModule)

# The header-only SDK; installed as entryc::sdk (cmake/EntrycInstall.cmake).
add_library(entryc_sdk INTERFACE)
set_target_properties(entryc_sdk PROPERTIES EXPORT_NAME sdk)
target_include_directories(entryc_sdk INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/plugins/sdk/include>
                                                $<INSTALL_INTERFACE:include>)
target_link_libraries(entryc_sdk INTERFACE nlohmann_json::nlohmann_json)

# entryc_plugin_module(TARGET OUTPUT_NAME SOURCES...)
#   A plugin shared library (rules or backend): lib/entryc/plugins/OUTPUT_NAME.so
#   with hidden visibility, installed with the others.
function(entryc_plugin_module target output)
  add_library(${target} MODULE ${ARGN})
  entryc_plugin_properties(${target} ${output})
  set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ENTRYC_PLUGIN_OUTPUT_DIR})
  target_link_libraries(${target} PRIVATE entryc_sdk entryc_options entryc_fmt)
  entryc_static_runtime(${target})
  install(TARGETS ${target} LIBRARY DESTINATION lib/entryc/plugins)
endfunction()

# entryc_add_plugin(NAME RULES rule-id... [SOURCES extra...] [TESTS extra-test...])
#   Builds lib/entryc/plugins/entryc-NAME.so from one source file per rule
#   (exports-wildcard-peer -> exports_wildcard_peer.cpp) plus SOURCES, and
#   embeds docs/rules/<rule-id>.md for each rule as NAME_docs.hpp
#   (namespace docs { inline constexpr const char* rule_id_with_underscores = ...; }).
#   With ENTRYC_TESTS, NAME_tests runs tests/<rule_file>_test.cpp for each rule
#   plus TESTS.
function(entryc_add_plugin name)
  cmake_parse_arguments(P "" "" "RULES;SOURCES;TESTS" ${ARGN})
  set(header ${CMAKE_CURRENT_BINARY_DIR}/generated/${name}_docs.hpp)
  set(md_files "")
  set(sources ${P_SOURCES})
  set(tests ${P_TESTS})
  foreach(id ${P_RULES})
    list(APPEND md_files ${PROJECT_SOURCE_DIR}/docs/rules/${id}.md)
    string(REPLACE "-" "_" file ${id})
    list(APPEND sources ${file}.cpp)
    list(APPEND tests tests/${file}_test.cpp)
  endforeach()
  string(REPLACE ";" "," ids "${P_RULES}")
  add_custom_command(
    OUTPUT ${header}
    COMMAND ${CMAKE_COMMAND} -DOUT=${header} -DIDS=${ids} -DDOCS_DIR=${PROJECT_SOURCE_DIR}/docs/rules
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
    DEPENDS ${md_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedDocs.cmake
    COMMENT "Embedding rule docs for ${name}")
  entryc_plugin_module(${name} entryc-${name} ${sources} ${header})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated ${CMAKE_CURRENT_SOURCE_DIR}
                                             ${PROJECT_SOURCE_DIR}/plugins/common)
  if(ENTRYC_TESTS)
    entryc_add_plugin_tests(${name}_tests ${tests})
    add_dependencies(${name}_tests ${name})
  endif()
endfunction()

# entryc_add_plugin_tests(NAME SOURCES...): a GoogleTest binary of rule table
# tests that lint through the real plugins of this build.
function(entryc_add_plugin_tests name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE entryc_test_support GTest::gtest GTest::gtest_main entryc_options)
  target_compile_options(${name} PRIVATE -Wno-missing-field-initializers)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()
