#pragma once

#include "tools/cli_flags.hpp"

namespace pfms {

/// `pfmsctl bench crash-writer --data-dir DIR [--appenders N]`: the process
/// the crash harness kills. N closed-loop appenders (default 64), each on its
/// own account stream, append through the journal; every acknowledged event
/// is printed as `ACK <stream> <version> <event id>` right after its batch
/// is synced. A balance projection catches up alongside. Runs until killed
/// (at most 60 s).
int run_crash_writer(const cli_flags& flags);

/// `pfmsctl bench crash --rounds N [--data-dir DIR] [--appenders N]`: starts
/// the writer N times on one store, kills it with SIGKILL at a random moment
/// each round, and then checks that every acknowledged event is present with
/// its id, versions have no gaps and both chains verify, no event id appears
/// twice, and the projection equals a rebuild from zero up to its
/// checkpoint. Exit 0 when all hold, 1 on any finding, 2 on usage errors.
int run_crash_harness(const cli_flags& flags);

} // namespace pfms
