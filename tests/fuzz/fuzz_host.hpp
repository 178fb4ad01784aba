// The plugins next to the fuzzer (bin/../lib/entryc/plugins), loaded once;
// a target that needs them aborts when the rule plugins are missing.
#pragma once
#include <cstdlib>
#include <memory>
#include <string>

#include "entryc/plugin_host.hpp"

namespace entryc::fuzz {

inline const plugins::Host& host() {
  static const std::unique_ptr<plugins::Host> h = [] {
    auto made = std::make_unique<plugins::Host>();
    diag::Collector problems;
    const std::string dirs[] = {plugins::Host::default_plugin_dir()};
    if (!made->load(dirs, problems) || !made->checks("exported-services") || !made->checks("service-intentions")) {
      std::abort();
    }
    return made;
  }();
  return *h;
}

}  // namespace entryc::fuzz
