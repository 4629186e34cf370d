#pragma once

#include "events/clock.hpp"

#include <cstdint>
#include <string>

namespace pfms {

/// An event as the caller hands it to `event_store::append`.
struct new_event {
  std::string event_id;       ///< UUIDv7 text, unique per event
  std::string type;           ///< payload message name, e.g. "AccountOpened"
  std::string payload;        ///< serialized protobuf payload
  std::string actor;          ///< who caused it
  std::string correlation_id; ///< the request that started the work
  std::string causation_id;   ///< the command that caused it
};

/// An event as stored: the caller's fields plus what the store assigned.
/// Mirrors `pb::Envelope` (events/proto/envelope.proto); hashes are 32 raw bytes.
struct recorded_event {
  std::string event_id;
  std::string stream_id;
  std::uint64_t version = 0;
  std::uint64_t position = 0;
  time_us recorded_at_us = 0;
  std::string type;
  std::string payload;
  std::string actor;
  std::string correlation_id;
  std::string causation_id;
  std::string idempotency_key;
  std::string previous_hash;
  std::string hash;
};

} // namespace pfms
