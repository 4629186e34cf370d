#pragma once

#include <caf/actor_system_config.hpp>

namespace pfms {

/// Registers every write-side message type and error category with `cfg`.
/// Every node calls it before creating its actor system, so the same types
/// are known everywhere.
void register_actor_types(caf::actor_system_config& cfg);

} // namespace pfms
