// What the plugin host promises about the libraries it loads.
#include "entryc/plugin_host.hpp"

#include <dlfcn.h>

#include <string>
#include <string_view>
#include <vector>

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

// `skip` names rules whose reports the caller drops: an SDK plugin does not
// run them; the others still run.
TEST(PluginHost, SkippedRulesDoNotRun) {
  entryc::plugins::Host host;
  entryc::diag::Collector sink;
  ASSERT_TRUE(host.load_file(std::string(ENTRYC_TEST_PLUGINS) + "/extra/extra.so", sink));
  const std::string json = R"({"Kind":"service-intentions","Name":"legacy","Sources":[]})";
  auto reports = [&](std::string_view skip) {
    std::vector<std::string> ids;
    host.check(
        "service-intentions", json, "ce", "x.hcl",
        [&](const entryc::plugins::Plugin&, const entryc_report& r) { ids.emplace_back(r.rule_id.ptr, r.rule_id.len); },
        sink, {}, {}, skip);
    return ids;
  };
  EXPECT_EQ(reports(""), std::vector<std::string>{"extra-no-legacy"});
  EXPECT_EQ(reports("other-rule extra-no-legacy"), std::vector<std::string>{});
  EXPECT_EQ(reports("extra-no-legacy-x extra-no"), std::vector<std::string>{"extra-no-legacy"});
  EXPECT_TRUE(sink.diagnostics().empty());
}

}  // namespace
