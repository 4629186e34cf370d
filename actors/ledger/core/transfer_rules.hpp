#pragma once

// The account core's decisions on transfers (the saga's steps on one
// account). Pure: no I/O, no CAF; the saga in transfer_saga.hpp runs them.

#include "actors/ledger/core/account_core.hpp"

namespace pfms {

/// The hold on the source: the caller's open account, another destination,
/// a positive amount in the account's currency, the destination amount when
/// the currencies differ, and funds within the credit limit. A hold with an id
/// already used: no event for the same content, `transfer_exists` otherwise.
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const hold_transfer& command);

/// The credit on the destination: the caller's open account in the
/// transfer's destination currency, once per transfer id (no event again).
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const credit_transfer& command);

/// Settles or releases a held transfer; no event when it is no longer held.
/// `transfer_not_found` for an id the account never held.
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const settle_transfer& command);
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const release_transfer& command);

/// Claims a completed transfer for one settlement, or releases the claim
/// (claim_transfer). The source's owner may, also once the account closed.
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const claim_transfer& command);

/// Whether a refusal of the destination is final (a fact about the account
/// that no retry changes), so the saga may release the hold.
[[nodiscard]] bool is_final_refusal(const failure& refusal);

/// The stable code of a refusal, for the events that record it.
[[nodiscard]] std::string refusal_code(const failure& refusal);

} // namespace pfms

namespace pfms::actors::internal {

// The evolve steps of the transfer events (account_core.cpp's evolve calls them).
[[nodiscard]] account_state apply(account_state s, const transfer_held& e);
[[nodiscard]] account_state apply(account_state s, const transfer_credited& e);
[[nodiscard]] account_state apply(account_state s, const transfer_settled& e);
[[nodiscard]] account_state apply(account_state s, const transfer_released& e);
[[nodiscard]] account_state apply(account_state s, const transfer_claimed& e);

} // namespace pfms::actors::internal
