#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Failures of the event log. Numbers are stable and never reused.
enum class store_errc : std::uint8_t {
  version_conflict = 1, ///< the stream is not at the expected version
  io = 2,               ///< RocksDB could not read or write
  corrupt = 3,          ///< a stored value does not decode or does not match its hash
  invalid_append = 4,   ///< the append itself is malformed (empty, too large, bad stream id)
  not_found = 5,        ///< no such stream or read model row
  read_only = 6,        ///< a write on a store opened read-only
  idempotency_mismatch = 7, ///< a reused idempotency key with other content
  overloaded = 8,       ///< the journal's queue is full; retry later
  subject_erased = 9,   ///< the person was erased: their key is destroyed
  unsupported_format = 10, ///< the store was written in another log format
};

[[nodiscard]] failure make_failure(store_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(store_errc code);

} // namespace pfms
