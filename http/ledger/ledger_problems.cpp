#include "http/ledger/ledger_problems.hpp"

namespace pfms {

problem_kind problem_of(account_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case account_errc::account_not_found: return {404, name, "Account not found"};
    case account_errc::account_exists: return {409, name, "Account exists"};
    case account_errc::insufficient_funds: return {422, name, "Insufficient funds"};
    case account_errc::precondition_failed: return {412, name, "Precondition failed"};
    case account_errc::account_closed: return {409, name, "Account closed"};
    case account_errc::balance_not_zero: return {409, name, "Balance not zero"};
    case account_errc::invalid_split: return {422, name, "Invalid split"};
    case account_errc::transaction_exists: return {409, name, "Transaction exists"};
    case account_errc::transaction_not_found: return {404, name, "Transaction not found"};
    case account_errc::transaction_voided: return {409, name, "Transaction voided"};
    case account_errc::period_locked: return {409, name, "Period locked"};
    case account_errc::transfer_exists: return {409, name, "Transfer exists"};
    case account_errc::transfer_not_found: return {404, name, "Transfer not found"};
    case account_errc::transfer_released: return {409, name, "Transfer released"};
    case account_errc::transfer_claimed: return {409, name, "Transfer already used"};
    default: return {422, name, "Invalid request"};
  }
}

} // namespace pfms
