#pragma once

#include "tools/cli_flags.hpp"

namespace pfms {

/// `pfmsctl bench store [--dir DIR] [--seconds S] [--replay-events N]`:
/// measures this machine's fsync, then durable appends through the journal
/// (200-byte events, 1 event per append) with 1, 16, 256 and 4096 closed-loop
/// appenders (appends/s, p50/p99 latency, mean batch), the same batch size
/// on a raw synced RocksDB WriteBatch loop in the same run, and the ratio;
/// then replay (decode + apply) and verify rates over N events (default 1M).
/// Prints one line per figure. Exit 0, or 2 on usage or I/O errors.
int run_store_bench(const cli_flags& flags);

} // namespace pfms
