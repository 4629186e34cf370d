#pragma once

#include "tools/cli_flags.hpp"

namespace pfms {

/// `pfmsctl bench entities [--dir DIR] [--accounts N] [--threads T]`:
/// touches N distinct accounts (default 1,000,000; each opened with one
/// durable append through its actor, from T closed-loop threads, default 64),
/// prints the live count and the peak RSS, then passivates them all and
/// prints the RSS once they have stopped, and again after a sample answers
/// its balance. The goals (the runtime issue): peak ≤ 4 GiB, after
/// passivation ≤ 512 MiB. Exit 0, or 2 on usage or I/O errors.
int run_entity_bench(const cli_flags& flags);

} // namespace pfms
