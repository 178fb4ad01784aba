# `cmake --install` and `cpack -G DEB` (docs/install.md):
#   bin/entryc                       the CLI; finds its plugins at ../lib/entryc/plugins
#   lib/entryc/plugins/*.so          rule and backend plugins (EntrycPlugins.cmake installs them)
#   include/entryc/                  the header-only plugin SDK
#   lib/cmake/entryc/                find_package(entryc): entryc::sdk, entryc_add_plugin()
#   share/man/man1/entryc.1          the man page
#   share/bash-completion/completions/entryc, share/zsh/vendor-completions/_entryc
# Fixed relative paths rather than GNUInstallDirs: the binary looks for its
# plugins at <exe>/../lib/entryc/plugins, also under a multiarch prefix.
include(CMakePackageConfigHelpers)

set(ENTRYC_INSTALL_PLUGIN_DIR lib/entryc/plugins)
set(ENTRYC_INSTALL_CMAKE_DIR lib/cmake/entryc)

# Only system libraries are linked: the installed binary has no RPATH (CMake drops the build one).
install(TARGETS entryc RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/plugins/sdk/include/entryc DESTINATION include)
install(TARGETS entryc_sdk EXPORT entryc-targets)
install(EXPORT entryc-targets NAMESPACE entryc:: FILE entryc-targets.cmake DESTINATION ${ENTRYC_INSTALL_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/entryc-config.cmake.in
  ${PROJECT_BINARY_DIR}/entryc-config.cmake
  INSTALL_DESTINATION ${ENTRYC_INSTALL_CMAKE_DIR}
  PATH_VARS ENTRYC_INSTALL_PLUGIN_DIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/entryc-config-version.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/entryc-config.cmake ${PROJECT_BINARY_DIR}/entryc-config-version.cmake
              ${PROJECT_SOURCE_DIR}/cmake/EntrycPluginModule.cmake
        DESTINATION ${ENTRYC_INSTALL_CMAKE_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/entryc.1 DESTINATION share/man/man1)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completion/entryc.bash
        DESTINATION share/bash-completion/completions RENAME entryc)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completion/_entryc DESTINATION share/zsh/vendor-completions)

# cpack -G DEB (in the build directory): entryc_<version>_<arch>.deb.
set(CPACK_PACKAGE_NAME entryc)
set(CPACK_PACKAGE_VENDOR "entryc")
set(CPACK_PACKAGE_CONTACT "entryc maintainers <entryc@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY entryc)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from dpkg-shlibdeps: libc6, libcurl4, ... (libstdc++6 and libfmt9 unless ENTRYC_STATIC_RUNTIME is off)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz")  # entryc graph --format svg
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nlohmann-json3-dev")  # building plugins with find_package(entryc)
set(CPACK_STRIP_FILES ON)
include(CPack)
