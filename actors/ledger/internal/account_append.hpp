#pragma once

// Shared by the account actor's handlers (account_actor.cpp) and the
// transfer saga (transfer_saga.cpp): append decided events, then apply them.

#include "actors/ledger/account_actor.hpp"

#include <caf/error.hpp>

#include <functional>
#include <vector>

namespace pfms::actors::internal {

using account_self = account_entity::stateful_pointer<account_actor_state>;

/// The account as a write answers it, `position` being where the write landed.
[[nodiscard]] account_view view_of(const account_state& a, std::uint64_t position);

/// Appends `events` (decided on the account as it stands now) through the
/// journal, without an idempotency key, awaited: no other message of the
/// actor runs until they are durable. Then applies them, snapshots when due,
/// and calls `done(placed)`. On a failed append calls `failed(error)`, and the
/// actor quits (the next command starts from the log).
void append_account(account_self self, const entity_env& env, std::vector<account_event> events,
                    const command_context& ctx, const char* causation,
                    std::function<void(const append_result&)> done,
                    std::function<void(caf::error)> failed);

} // namespace pfms::actors::internal
