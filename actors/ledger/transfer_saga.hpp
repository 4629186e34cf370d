#pragma once

// The transfer saga between two accounts of one owner (or, for a loan's
// disbursement, into the other party's account: `to_owner_id`), run by the
// source account's actor with the destination through the account directory. Each
// step is an event, so a crash at any point leaves a state the saga resumes:
//
//   start ─► terms? (destination: the caller's or to_owner_id's, open, its currency)
//     │        └─ refused ─► answer the refusal; nothing written
//     ▼
//   TransferHeld (source, balance −amount) ─► credit (destination)
//     ├─ credited (or credited before) ─► TransferSettled      "completed"
//     ├─ refused for good ─► TransferReleased (balance +amount) "released"
//     └─ no answer ─► answer "pending"; retry with backoff (attempts_max),
//                     and again when the node next starts
//
// Never both credited and released: the source releases only after the
// destination said no, and the destination credits each transfer id once.

#include "actors/ledger/internal/account_shell.hpp"

#include <chrono>
#include <cstdint>

namespace pfms {

/// Limits of the saga's steps.
struct transfer_limits {
  static constexpr std::chrono::milliseconds terms_timeout{1000};
  static constexpr std::chrono::milliseconds credit_timeout{1500};
  static constexpr std::chrono::milliseconds backoff_first{200};
  static constexpr std::chrono::milliseconds backoff_max{30'000};
  /// Retries of one credit before the saga waits for the node's next start.
  static constexpr std::uint32_t attempts_max = 12;
};

/// How long the saga waits before retry `attempt` (0-based): doubling from
/// backoff_first up to backoff_max.
[[nodiscard]] std::chrono::milliseconds transfer_backoff(std::uint32_t attempt);

/// `hold_transfer` on the source: starts the transfer, or answers where a
/// transfer with this id stands (and nudges it when held). Answers the
/// transfer ("completed" or "pending"), or `transfer_released` with the
/// destination's reason, or the refusal (account_not_found, insufficient_funds, …).
caf::result<transfer_view> start_transfer(actors::internal::account_self self,
                                          const entity_env& env, hold_transfer cmd,
                                          command_context ctx);

/// `resume_transfer` on the source: asks the destination again for a held transfer.
void continue_transfer(actors::internal::account_self self, const entity_env& env,
                       const resume_transfer& message);

/// `credit_transfer` on the destination: credits once; answers the account.
caf::result<account_view> take_credit(actors::internal::account_self self, credit_transfer cmd,
                                      command_context ctx);

/// `account_terms_query`: the account, if it is the caller's.
caf::result<account_view> answer_terms(actors::internal::account_self self,
                                       const account_terms_query& query);

/// The transfer `transfer_id` as the source account `a` holds it.
[[nodiscard]] transfer_view transfer_view_of(const account_state& a,
                                             const std::string& transfer_id);

} // namespace pfms
