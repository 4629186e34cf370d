#pragma once

// Shared by the entity actors' recovery: fold a stream into a state.

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <optional>
#include <string>

namespace pfms::actors::internal {

/// `state` with every event of `stream` after `state.version` (up to
/// `last_version`, and up to `recorded_until`: the events recorded at or
/// before it, a prefix since record times never go backwards) applied through
/// `evolve`, the hash chain checked on the way. `decode` turns a recorded
/// event into the entity's event; its failure stops the fold.
template <class State, class Decode>
result<State> fold_stream(const event_store& store, const std::string& stream, State state,
                          Decode decode, std::uint64_t last_version = UINT64_MAX,
                          time_us recorded_until = INT64_MAX) {
  std::optional<failure> undecodable;
  auto scanned = store.scan(
    stream, state.version + 1,
    [&](const recorded_event& recorded) {
      if (recorded.version > last_version || recorded.recorded_at_us > recorded_until)
        return false;
      auto event = decode(recorded);
      if (!event) {
        undecodable = event.error();
        return false;
      }
      state = evolve(std::move(state), *event);
      return true;
    },
    true);
  if (!scanned)
    return scanned.error();
  if (undecodable)
    return *undecodable;
  return state;
}

} // namespace pfms::actors::internal
