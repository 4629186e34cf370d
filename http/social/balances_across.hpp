#pragma once

// What the caller owes and is owed across groups, per person and currency:
// the sum of each group's pairwise debts that involve the caller, checked.

#include "actors/social/core/group_balances.hpp"
#include "events/result.hpp"
#include "http/social/group_gateway.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

using counterparty = std::pair<std::string, std::string>; // (person, currency)

struct owed_total {
  std::int64_t amount_minor = 0; ///< positive: they owe the caller
  std::vector<std::string> groups;
};

/// Adds `group`'s pairwise debts that involve `caller` to `totals`;
/// `amount_overflow` (and `totals` partly added) when a total would leave int64.
[[nodiscard]] status add_group_debts(const std::string& caller, const std::string& group,
                                     const group_balances& b,
                                     std::map<counterparty, owed_total>& totals);

/// The refusal when totals across groups (or nodes) leave int64.
[[nodiscard]] failure totals_overflow();

/// The caller's debts across their active groups on this node, and the
/// groups that did not answer.
struct debts_across {
  std::map<counterparty, owed_total> totals;
  std::vector<std::string> missing_groups;
};
/// `done` gets them once every group of `caller` on this node answered (or
/// timed out); `amount_overflow` when a total leaves int64.
void gather_debts(const group_gateway& groups, const std::string& caller,
                  std::function<void(result<debts_across>)> done);

} // namespace pfms
