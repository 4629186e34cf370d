#pragma once

// The fewest payments that settle a group's balances in one currency. Pure
// and deterministic: the same balances in the same member order always give
// the same payments.

#include "actors/social/core/group_split.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// `from` pays `to`.
struct payment {
  std::string from;
  std::string to;
  std::int64_t amount_minor = 0;
  friend bool operator==(const payment&, const payment&) = default;
};

/// Up to this many members with a balance the answer is the proven minimum
/// (an exact search over subsets, 2^n); past it a greedy match, which never
/// needs more than (members with a balance − 1) payments.
inline constexpr std::size_t simplify_exact_max = 16;

/// Payments that bring every balance (positive: is owed; Σ must be 0) to zero:
/// the most zero-sum subgroups are found first, and each subgroup of k
/// members settles with k − 1 payments, the largest debtor paying the largest
/// creditor (ties by member order).
[[nodiscard]] std::vector<payment> simplify_debts(const std::vector<member_amount>& balances);

} // namespace pfms
