// Exit codes, one place for all commands (docs/cli.md).
#pragma once

namespace entryc::cli {

inline constexpr int kExitOk = 0;           // clean
inline constexpr int kExitFindings = 1;     // findings at or above the threshold
inline constexpr int kExitUsage = 2;        // usage, I/O or plugin failure
inline constexpr int kExitApplyFailed = 3;  // apply failed
inline constexpr int kExitInterrupted = 130;

}  // namespace entryc::cli
