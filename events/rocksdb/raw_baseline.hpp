#pragma once

// This machine's own limit for the store benchmark: synced RocksDB writes with
// nothing of pfms, so that tools reach RocksDB only through this target.

#include <cstddef>
#include <string>

namespace pfms {

/// Events per second of synced WriteBatches of `batch` events for `seconds`
/// into a fresh RocksDB in `dir`: each event one put of `event_bytes` bytes,
/// or (`same_layout`) the three puts pfms writes per event (the envelope under
/// stream+version, the log entry under the position, and the stream head).
/// 0 when the database does not open or a write fails.
[[nodiscard]] double raw_events_per_second(const std::string& dir, std::size_t batch,
                                           double seconds, bool same_layout,
                                           std::size_t event_bytes);

} // namespace pfms
