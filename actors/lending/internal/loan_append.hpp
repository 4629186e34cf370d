#pragma once

// Shared by the loan actor's handlers (loan_actor.cpp) and the disbursement
// saga (loan_disbursement.cpp): append decided events, then apply them.

#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/loan_actor.hpp"
#include "actors/runtime/if_match.hpp"

#include <caf/error.hpp>

#include <functional>
#include <vector>

namespace pfms::actors::internal {

using loan_self = loan_entity::stateful_pointer<loan_actor_state>;

/// The loan as a command answers it, on the node's UTC day: everything but
/// the repayment history (no answer shows it; it grows with every
/// repayment, and an answer may cross to another node). `s` is left as it was.
[[nodiscard]] loan_snapshot loan_snapshot_of(const entity_env& env, loan_state& s);

/// What the loan decides on `cmd`, held against If-Match (`ctx.if_version`):
/// a stranger hears `loan_not_found` whatever version it names.
template <class Command>
[[nodiscard]] result<std::vector<loan_event>> decide_if_match(const loan_actor_state& st,
                                                             const Command& cmd,
                                                             const command_context& ctx) {
  return runtime::if_match(decide(st.loan, cmd), ctx.if_version, st.loan.version,
                           st.loan.originated, make_failure(loan_errc::loan_not_found, ""),
                           make_failure(loan_errc::precondition_failed, "the loan is at version "));
}

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
