#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pfms {

/// What `pfmsctl replay` was asked for.
struct replay_request {
  std::string stream;                  ///< full stream id, e.g. "account-0192…"
  std::optional<time_us> as_of;        ///< keep events recorded at or before this instant
  std::optional<std::uint64_t> version; ///< keep events up to this version
};

/// The events of the stream up to the requested point and the state they
/// fold to, as one JSON document. `not_found` when the stream is empty at
/// that point... or does not exist.
[[nodiscard]] result<std::string> replay_to_json(const event_store& store,
                                                 const replay_request& request);

} // namespace pfms
