#include "actors/lending/core/loan_error.hpp"

#include <array>

namespace pfms {

failure make_failure(loan_errc code, std::string detail) {
  return {error_domain::loan, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(loan_errc code) {
  static constexpr std::array<std::string_view, 15> names{
    "loan_error",          "invalid_loan_terms", "loan_not_found",     "loan_exists",
    "invalid_party",       "not_permitted",      "loan_state_conflict", "invalid_amount",
    "overpayment_refused", "invalid_date",       "amounts_overdue",    "exceeds_balance",
    "precondition_failed", "receiving_account_missing", "disbursement_refused"};
  const auto i = static_cast<std::size_t>(code);
  return i < names.size() ? names[i] : names[0];
}

} // namespace pfms
