#pragma once

// Shared by the entity actors' recovery: fold a stream into a state.

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <optional>
#include <string>

namespace pfms::actors::internal {

/// `state` with every event of `stream` after `state.version` (up to
/// `last_version`) applied through `evolve`, the hash chain checked on the
/// way. `decode` turns a recorded event into the entity's event; its failure
/// stops the fold.
template <class State, class Decode>
result<State> fold_stream(const event_store& store, const std::string& stream, State state,
                          Decode decode, std::uint64_t last_version = UINT64_MAX) {
  std::optional<failure> undecodable;
  auto scanned = store.scan(
    stream, state.version + 1,
    [&](const recorded_event& recorded) {
      if (recorded.version > last_version)
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
