#pragma once

#include "../driver.hpp"

namespace entryc::cli {

extern const Command kConvertCommand;
extern const Command kFmtCommand;
extern const Command kParseCommand;
extern const Command kLintCommand;
extern const Command kPluginsCommand;
extern const Command kRulesCommand;
extern const Command kExplainCommand;
extern const Command kPlanCommand;
extern const Command kApplyCommand;
extern const Command kEmitCommand;
extern const Command kCheckCommand;
extern const Command kStateCommand;
extern const Command kGraphCommand;
extern const Command kServeCommand;

}  // namespace entryc::cli
