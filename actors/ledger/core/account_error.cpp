#include "actors/ledger/core/account_error.hpp"

namespace pfms {

failure make_failure(account_errc code, std::string detail) {
  return {error_domain::account, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(account_errc code) {
  switch (code) {
    case account_errc::account_not_found: return "account_not_found";
    case account_errc::account_exists: return "account_exists";
    case account_errc::invalid_name: return "invalid_name";
    case account_errc::invalid_kind: return "invalid_kind";
    case account_errc::invalid_amount: return "invalid_amount";
    case account_errc::currency_mismatch: return "currency_mismatch";
    case account_errc::insufficient_funds: return "insufficient_funds";
    case account_errc::amount_overflow: return "amount_overflow";
    case account_errc::invalid_text: return "invalid_text";
    case account_errc::precondition_failed: return "precondition_failed";
    case account_errc::account_closed: return "account_closed";
    case account_errc::balance_not_zero: return "balance_not_zero";
    case account_errc::invalid_split: return "invalid_split";
    case account_errc::transaction_exists: return "transaction_exists";
    case account_errc::transaction_not_found: return "transaction_not_found";
    case account_errc::transaction_voided: return "transaction_voided";
    case account_errc::period_locked: return "period_locked";
    case account_errc::transfer_exists: return "transfer_exists";
    case account_errc::same_account: return "same_account";
    case account_errc::to_amount_required: return "to_amount_required";
    case account_errc::transfer_not_found: return "transfer_not_found";
    case account_errc::transfer_released: return "transfer_released";
    case account_errc::transfer_claimed: return "transfer_claimed";
    case account_errc::report_too_large: return "report_too_large";
  }
  return "account_error";
}

} // namespace pfms
