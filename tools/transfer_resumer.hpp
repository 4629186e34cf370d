#pragma once

#include "actors/ledger/account_messages.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

namespace pfms {

/// Spawns an actor that, once the projection has caught up with the log,
/// pages through the held transfers (`open_transfers_max` at a time) and
/// sends each source account a `resume_transfer`: the sagas a crash
/// interrupted go on. It ends when the last page is sent, or on an error
/// (logged to stderr; the next start tries again).
void resume_open_transfers(caf::actor_system& system, projection_actor projection,
                           account_actor directory);

} // namespace pfms
