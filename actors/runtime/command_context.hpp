#pragma once

// What every command carries besides its own fields.

#include "events/clock.hpp"
#include "events/message_declaration.hpp"

#include <cstdint>
#include <string>

namespace pfms {

/// Who sent a command, which request it belongs to, and, for a retry-safe
/// command, its idempotency key (scoped by the caller, e.g. "u:<user>:<key>")
/// with what a retry must repeat (a digest of the request).
struct command_context {
  std::string actor;
  std::string correlation_id;
  std::string idempotency_key = {};
  std::string request_fingerprint = {};
  /// When not 0, the entity must be at this version (If-Match). The entity
  /// runtime checks it for every kind (actors/runtime/entity_shell.hpp).
  std::uint64_t if_version = 0;
  /// When not 0, the instant (µs since 1970) past which the entity does not
  /// start the command: it answers `deadline_passed` and writes nothing, so a
  /// caller that stopped waiting never sees it land later.
  time_us deadline_us = 0;
};

PFMS_MESSAGE(command_context);

} // namespace pfms
