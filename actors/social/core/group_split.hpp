#pragma once

// How an expense's amount is split among members. Pure; exact integers only.
//
// Rounding rule (documented in docs/http-api.md, "Rounding"): each member's
// exact share amount × part ÷ total is floored, and the minor units that
// flooring left over go one each to the members with the largest remainders;
// ties go to the member who comes first in the expense's list of parts. So
// the shares always sum exactly to the amount, and the same input always
// gives the same shares.

#include "events/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

enum class split_method : std::uint8_t { equal = 1, exact = 2, percent = 3, shares = 4 };

[[nodiscard]] result<split_method> parse_split_method(std::string_view text);
[[nodiscard]] std::string_view to_string(split_method method);

/// One member's part of a split: unused for equal, minor units for exact,
/// basis points (summing to 10000) for percent, a weight ≥ 0 for shares.
struct split_part {
  std::string user_id;
  std::int64_t value = 0;
  friend bool operator==(const split_part&, const split_part&) = default;
};

/// A member's amount in minor units (what they owe, or what they paid).
struct member_amount {
  std::string user_id;
  std::int64_t amount_minor = 0;
  friend bool operator==(const member_amount&, const member_amount&) = default;
};

/// The most members one split names.
inline constexpr std::size_t split_parts_max = 50;

/// Each part's owed amount, in the parts' order, summing exactly to
/// `amount_minor` (> 0). `group_errc::invalid_split` when the parts are empty,
/// name a member twice, have a negative value, exact amounts that do not sum to
/// the amount, percentages that do not sum to 10000, or only zero weights.
[[nodiscard]] result<std::vector<member_amount>>
split_amount(std::int64_t amount_minor, split_method method, const std::vector<split_part>& parts);

} // namespace pfms
