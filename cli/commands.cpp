// The subcommand table.
#include "commands/commands.hpp"
#include "driver.hpp"

namespace entryc::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      kLintCommand,
      kParseCommand,
      kPlanCommand,
      kApplyCommand,
      kEmitCommand,
      kCheckCommand,
      kStateCommand,
      kGraphCommand,
      kServeCommand,
      kConvertCommand,
      kFmtCommand,
      kRulesCommand,
      kExplainCommand,
      kPluginsCommand,
  };
  return table;
}

}  // namespace entryc::cli
