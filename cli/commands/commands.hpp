#pragma once

#include "../driver.hpp"

namespace entryc::cli {

extern const Command kConvertCommand;
extern const Command kParseCommand;

}  // namespace entryc::cli
