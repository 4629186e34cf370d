#include "actors/social/core/group_error.hpp"

namespace pfms {

failure make_failure(group_errc code, std::string detail) {
  return {error_domain::group, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(group_errc code) {
  switch (code) {
    case group_errc::group_not_found: return "group_not_found";
    case group_errc::group_exists: return "group_exists";
    case group_errc::invalid_name: return "invalid_name";
    case group_errc::not_a_member: return "not_a_member";
    case group_errc::already_member: return "already_member";
    case group_errc::not_invited: return "not_invited";
    case group_errc::invalid_split: return "invalid_split";
    case group_errc::invalid_payers: return "invalid_payers";
    case group_errc::balance_not_zero: return "balance_not_zero";
    case group_errc::expense_not_found: return "expense_not_found";
    case group_errc::expense_exists: return "expense_exists";
    case group_errc::invalid_amount: return "invalid_amount";
    case group_errc::members_max: return "members_max";
    case group_errc::amount_overflow: return "amount_overflow";
    case group_errc::same_member: return "same_member";
    case group_errc::group_archived: return "group_archived";
    case group_errc::not_owner: return "not_owner";
    case group_errc::precondition_failed: return "precondition_failed";
  }
  return "group_error";
}

} // namespace pfms
