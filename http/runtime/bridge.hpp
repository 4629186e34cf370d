#pragma once

// The node's bridge from the I/O threads into CAF: one long-lived actor that
// sends each request the gateways make and hands its reply to their callback
// (no actor spawned per HTTP request). Registered in the actor system;
// without one (tests that build gateways alone) a gateway spawns a
// short-lived actor per request instead.

#include <caf/fwd.hpp>

namespace pfms::http {

/// Spawns the bridge and registers it in `system`.
void start_bridge(caf::actor_system& system);

/// Unregisters and stops it, before the system goes down.
void stop_bridge(caf::actor_system& system);

} // namespace pfms::http
