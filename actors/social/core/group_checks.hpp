#pragma once

// Shared by the group core's decisions (group_core.cpp, group_rules.cpp). Pure.

#include "actors/social/core/group_core.hpp"

#include <string_view>
#include <vector>

namespace pfms::actors::internal {

[[nodiscard]] failure group_not_found();

/// Whether `caller` may change the group now: an active member of a group
/// that is not archived (others answer as for a missing group).
[[nodiscard]] status group_writable(const group_state& s, const std::string& caller);

/// `invalid_name` unless 1 (0 when not `required`) to `size_max` bytes without control characters.
[[nodiscard]] status check_group_text(std::string_view text, std::size_t size_max, bool required,
                                      std::string_view field);

/// The expense `c` describes with its split computed, or why it may not be recorded.
[[nodiscard]] result<group_expense> expense_of(const group_state& s,
                                               const record_group_expense& c);

/// What an expense does to the balances (`sign` −1 takes it back out).
[[nodiscard]] std::vector<member_amount> deltas_of(const group_expense& e, int sign);

/// `amount_overflow` if the balances of `code` could not take `deltas`.
[[nodiscard]] status check_fits(const group_state& s, const std::string& code,
                                const std::vector<member_amount>& deltas);

/// Whether `user_id` owes and is owed nothing in every currency.
[[nodiscard]] bool balance_zero(const group_state& s, const std::string& user_id);

/// Moves the balances of `code` by `deltas`; asserts that they still sum to 0.
void move_balances(group_state& s, const std::string& code,
                   const std::vector<member_amount>& deltas);

[[nodiscard]] group_state apply(group_state s, const expense_edited& e);
[[nodiscard]] group_state apply(group_state s, const participant_added& e);
[[nodiscard]] group_state apply(group_state s, const member_removed& e);
[[nodiscard]] group_state apply(group_state s, const group_archived& e);

} // namespace pfms::actors::internal
