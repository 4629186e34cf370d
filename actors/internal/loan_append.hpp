#pragma once

// Shared by the loan actor's handlers (loan_actor.cpp) and the disbursement
// saga (loan_disbursement.cpp): append decided events, then apply them.

#include "actors/loan_actor.hpp"

#include <caf/error.hpp>

#include <functional>
#include <vector>

namespace pfms::actors::internal {

using loan_self = loan_entity::stateful_pointer<loan_actor_state>;

/// The loan as a command answers it, on the node's UTC day: everything but
/// the repayment history (no answer shows it; it grows with every
/// repayment, and an answer may cross to another node). `s` is left as it was.
[[nodiscard]] loan_snapshot loan_snapshot_of(const entity_env& env, loan_state& s);

/// Whether the loan may take a command now: not broken, and at the version
/// If-Match named (if any).
[[nodiscard]] status admit(const loan_actor_state& st, const command_context& ctx);

/// Appends `events` (decided on the loan as it stands now) without an
/// idempotency key, awaited: no other message of the actor runs until they
/// are durable. Then applies them, re-arms the due-date timer and calls
/// `done()`. On a failed append calls `failed(error)`, and the actor quits
/// (the next message starts from the log).
void append_loan(loan_self self, const entity_env& env, const std::string& loan_id,
                 std::vector<loan_event> events, const command_context& ctx,
                 const char* causation, std::function<void()> done,
                 std::function<void(caf::error)> failed);

} // namespace pfms::actors::internal
