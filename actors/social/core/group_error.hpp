#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Rejections of the group core. Numbers are stable and never reused.
enum class group_errc : std::uint8_t {
  group_not_found = 1,   ///< no such group, or the caller is not a member
  group_exists = 2,      ///< create on an id already used
  invalid_name = 3,      ///< name or description empty, too long, or with control characters
  not_a_member = 4,      ///< a payer, a part or a settlement party is not an active member
  already_member = 5,    ///< inviting someone who is invited or a member
  not_invited = 6,       ///< joining a group without an invitation
  invalid_split = 7,     ///< parts that do not split the amount (see group_split.hpp)
  invalid_payers = 8,    ///< payers not > 0 or not summing to the amount
  balance_not_zero = 9,  ///< leaving (or being removed) while owing or owed
  expense_not_found = 10, ///< no such expense in the group
  expense_exists = 11,   ///< an expense or settlement id already used for another
  invalid_amount = 12,   ///< zero, negative, or above amount_max
  members_max = 13,      ///< the group is full
  amount_overflow = 14,  ///< a balance would leave int64
  same_member = 15,      ///< a settlement from a member to themselves
  group_archived = 16,   ///< a change to an archived group
  not_owner = 17,        ///< removing a member or archiving, by someone who is not the owner
  precondition_failed = 18, ///< If-Match named another version of the group
};

[[nodiscard]] failure make_failure(group_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(group_errc code);

} // namespace pfms
