// Loading plugins for a command: --plugin-dir, $ENTRYC_PLUGIN_PATH, then the
// installation's own directory.
#pragma once

#include "args.hpp"
#include "entryc/plugin_host.hpp"

namespace entryc::cli {

inline bool load_plugins(plugins::Host& host, const Args& args, diag::Sink& sink,
                         plugins::Loading mode = plugins::Loading::all) {
  const std::vector<std::string> dirs = args.all("plugin-dir");
  return host.load(dirs, sink, mode);
}

}  // namespace entryc::cli
