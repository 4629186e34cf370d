#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Rejections of the loan core. Numbers are stable and never reused.
enum class loan_errc : std::uint8_t {
  invalid_loan_terms = 1,  ///< principal, rate, term, schedule type, policy or dates out of range
  loan_not_found = 2,      ///< no such loan, or the caller is not one of its parties
  loan_exists = 3,         ///< originating on an id already used
  invalid_party = 4,       ///< a party with both or neither of user id and name, or the same user twice
  not_permitted = 5,       ///< this party may not do this (the borrower disbursing, …)
  loan_state_conflict = 6, ///< not in a state that allows it (repaying an offer, …)
  invalid_amount = 7,      ///< zero, negative, or above the principal limit
  overpayment_refused = 8, ///< more than is payable, on a loan that refuses overpayments
  invalid_date = 9,        ///< in the future, before the disbursement or an earlier payment
  amounts_overdue = 10,    ///< a prepayment while fees or installments are overdue
  exceeds_balance = 11,    ///< more than the balance left (a payoff takes the quote)
  precondition_failed = 12, ///< If-Match named another version of the loan
  receiving_account_missing = 13, ///< a disbursement through the ledger without the borrower's account
  disbursement_refused = 14, ///< the ledger refused the disbursement's transfer; nothing moved
};

[[nodiscard]] failure make_failure(loan_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(loan_errc code);

} // namespace pfms
