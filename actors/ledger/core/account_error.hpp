#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Rejections of the account core. Numbers are stable and never reused.
enum class account_errc : std::uint8_t {
  account_not_found = 1,  ///< no account with that id
  account_exists = 2,     ///< open on an id that is already open
  invalid_name = 3,       ///< empty or longer than name_size_max
  invalid_kind = 4,       ///< not an account or transaction kind
  invalid_amount = 5,     ///< zero, negative, or a limit below zero
  currency_mismatch = 6,  ///< the transaction's currency is not the account's
  insufficient_funds = 7, ///< an expense past the balance and credit limit
  amount_overflow = 8,    ///< the balance would leave int64 minor units
  invalid_text = 9,       ///< category or note too long or with control characters
  precondition_failed = 10, ///< If-Match named another version of the account
  account_closed = 11,    ///< a change to a closed account
  balance_not_zero = 12,  ///< closing an account that still holds money
  invalid_split = 13,     ///< split lines that are not positive or do not sum to the amount
  transaction_exists = 14, ///< a transaction id the account already holds
  transaction_not_found = 15, ///< no such transaction on the account
  transaction_voided = 16, ///< a change to a voided transaction
  period_locked = 17,     ///< a change inside a reconciled period without override_lock
  transfer_exists = 18,   ///< a transfer id already used for another transfer
  same_account = 19,      ///< a transfer from an account to itself
  to_amount_required = 20, ///< a transfer across currencies without the destination amount
  transfer_not_found = 21, ///< no such transfer (or not the caller's)
  transfer_released = 22, ///< the destination refused for good; the amount is back
  transfer_claimed = 23,  ///< the transfer already backs another settlement
  report_too_large = 24,  ///< a report would read more transactions than its limit
};

[[nodiscard]] failure make_failure(account_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(account_errc code);

} // namespace pfms
