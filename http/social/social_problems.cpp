#include "http/social/social_problems.hpp"

namespace pfms {

problem_kind problem_of(group_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case group_errc::group_not_found: return {404, name, "Group not found"};
    case group_errc::expense_not_found: return {404, name, "Expense not found"};
    case group_errc::group_exists:
    case group_errc::already_member:
    case group_errc::balance_not_zero:
    case group_errc::expense_exists:
    case group_errc::group_archived:
    case group_errc::members_max: return {409, name, "Conflict"};
    case group_errc::not_owner: return {403, name, "Only the owner may"};
    case group_errc::precondition_failed: return {412, name, "Precondition failed"};
    default: return {422, name, "Invalid request"};
  }
}

} // namespace pfms
