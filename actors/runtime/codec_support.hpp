#pragma once

// Shared by the entity codecs: the storable event of a decided one, and the
// failure of a stored event that does not decode.

#include "actors/runtime/event_metadata.hpp"
#include "events/recorded_event.hpp"
#include "events/store_error.hpp"

#include <string>

namespace pfms::actors::internal {

/// A storable event of `type` with `payload`, carrying `meta`.
inline new_event stored_event(const char* type, std::string payload, event_metadata meta) {
  return new_event{std::move(meta.event_id), type,
                   std::move(payload),       std::move(meta.actor),
                   std::move(meta.correlation_id), std::move(meta.causation_id)};
}

/// `corrupt`, naming the stream, version and type of `e`.
inline failure undecodable(const recorded_event& e) {
  return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                             + std::to_string(e.version) + " holds a " + e.type
                                             + " that does not decode");
}

} // namespace pfms::actors::internal
