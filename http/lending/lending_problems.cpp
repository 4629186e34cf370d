#include "http/lending/lending_problems.hpp"

namespace pfms {

problem_kind problem_of(loan_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case loan_errc::loan_not_found: return {404, name, "Loan not found"};
    case loan_errc::loan_exists:
    case loan_errc::loan_state_conflict:
    case loan_errc::amounts_overdue:
    case loan_errc::receiving_account_missing: return {409, name, "Conflict"};
    case loan_errc::not_permitted: return {403, name, "Not this party's to do"};
    case loan_errc::precondition_failed: return {412, name, "Precondition failed"};
    default: return {422, name, "Invalid loan request"};
  }
}

} // namespace pfms
