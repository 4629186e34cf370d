#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// One mismatch `verify_store` found, naming the event it concerns.
struct verify_finding {
  std::string stream;         ///< empty when the finding is about the log alone
  std::uint64_t version = 0;  ///< 0 when not about one event
  std::uint64_t position = 0; ///< 0 when not about a log position
  std::string problem;        ///< a sentence
};

/// What `verify_store` checked and found.
struct verify_report {
  static constexpr std::size_t findings_max = 100;
  std::uint64_t events_checked = 0;
  std::uint64_t streams_checked = 0;
  std::uint64_t log_entries_checked = 0; ///< events the log names
  std::uint64_t log_batches_checked = 0; ///< its records, one per committed batch
  std::uint64_t last_position = 0; ///< the log's last position: an anchor for audits
  std::string last_global_hash;    ///< the global chain's hash there (32 raw bytes)
  std::vector<verify_finding> findings; ///< in the order found, at most findings_max

  [[nodiscard]] bool clean() const { return findings.empty(); }
};

/// Re-checks the whole store: per stream, versions 1..n without gaps and each
/// event's previous hash and hash; over the log, batches covering positions
/// 1..n without gaps or overlaps, every position naming an existing event
/// that carries that position and hash, and the global chain at each batch's
/// end. A log truncated at its tail (last events and log records both
/// removed) leaves no trace inside the store: compare
/// `last_position`/`last_global_hash` with an earlier audit's.
/// Fails only on I/O errors;
/// corruption is reported as findings. Reads a consistent snapshot.
[[nodiscard]] result<verify_report> verify_store(event_store& store);

} // namespace pfms
