#pragma once

#include "actors/lending/loan_messages.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

namespace pfms {

/// Spawns an actor that, once the projection has caught up with the log,
/// pages through the active loans (`loans_page_max` at a time) and sends
/// each a `wake_loan`: recovering from its log, each loan arms its due-date
/// timer again. It ends when the last page is sent, or on an error (logged to
/// stderr; the next start tries again).
void wake_active_loans(caf::actor_system& system, projection_actor projection,
                       loan_actor directory);

} // namespace pfms
