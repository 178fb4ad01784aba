// What the plugin host promises about the libraries it loads.
#include "entryc/plugin_host.hpp"

#include <dlfcn.h>

#include <string>

#include <gtest/gtest.h>

namespace {

// A plugin stays mapped after its host is gone: unloading one would free
// what it left behind (its thread_local blocks, which LeakSanitizer read at
// exit after a dlclose; atexit handlers; static destructors).
TEST(PluginHost, PluginStaysLoadedAfterItsHostIsGone) {
  const std::string path = std::string(ENTRYC_TEST_PLUGINS) + "/extra/extra.so";
  ASSERT_EQ(dlopen(path.c_str(), RTLD_LAZY | RTLD_NOLOAD), nullptr) << "loaded before the test";
  {
    entryc::plugins::Host host;
    entryc::diag::Collector sink;
    ASSERT_TRUE(host.load_file(path, sink));
    ASSERT_EQ(host.plugins().size(), 1u);
    EXPECT_EQ(host.plugins()[0]->path, path);
  }
  void* handle = dlopen(path.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  EXPECT_NE(handle, nullptr) << "the host unloaded the plugin";
  if (handle) dlclose(handle);
}

}  // namespace
