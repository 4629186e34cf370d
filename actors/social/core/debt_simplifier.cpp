#include "actors/social/core/debt_simplifier.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace pfms {

namespace {

__extension__ typedef __int128 wide; // subset sums of int64 balances

// Greedy settlement of balances summing to zero: at most size − 1 payments,
// and exactly that when no proper subset sums to zero.
void settle_greedy(std::vector<member_amount> group, std::vector<payment>& out) {
  for (;;) {
    auto creditor = std::max_element(group.begin(), group.end(), [](const auto& a, const auto& b) {
      return a.amount_minor < b.amount_minor;
    });
    auto debtor = std::min_element(group.begin(), group.end(), [](const auto& a, const auto& b) {
      return a.amount_minor < b.amount_minor;
    });
    if (creditor->amount_minor == 0)
      return;
    const auto amount = std::min(creditor->amount_minor, -debtor->amount_minor);
    out.push_back({debtor->user_id, creditor->user_id, amount});
    creditor->amount_minor -= amount;
    debtor->amount_minor += amount;
  }
}

// The nonzero balances split into the most subgroups that each sum to zero
// (dynamic programming over subsets), in a deterministic order.
std::vector<std::vector<member_amount>> zero_sum_groups(const std::vector<member_amount>& b) {
  const std::size_t n = b.size();
  const std::uint32_t full = (1u << n) - 1;
  std::vector<wide> sum(full + 1, 0);
  std::vector<std::int8_t> best(full + 1, 0);
  for (std::uint32_t mask = 1; mask <= full; ++mask) {
    const int low = __builtin_ctz(mask);
    sum[mask] = sum[mask & (mask - 1)] + b[low].amount_minor;
    std::int8_t most = 0;
    for (std::uint32_t rest = mask; rest != 0; rest &= rest - 1)
      most = std::max(most, best[mask ^ (1u << __builtin_ctz(rest))]);
    best[mask] = static_cast<std::int8_t>(most + (sum[mask] == 0 ? 1 : 0));
  }
  // Peel members off the full set keeping the optimum; the prefix sums of
  // the peeled order reach zero once per subgroup.
  std::vector<std::size_t> order;
  for (std::uint32_t mask = full; mask != 0;) {
    const std::int8_t target = static_cast<std::int8_t>(best[mask] - (sum[mask] == 0 ? 1 : 0));
    for (std::uint32_t rest = mask; rest != 0; rest &= rest - 1) {
      const int i = __builtin_ctz(rest);
      if (best[mask ^ (1u << i)] == target) {
        order.push_back(static_cast<std::size_t>(i));
        mask ^= 1u << i;
        break;
      }
    }
  }
  std::reverse(order.begin(), order.end());
  std::vector<std::vector<member_amount>> groups(1);
  wide running = 0;
  for (auto i : order) {
    groups.back().push_back(b[i]);
    running += b[i].amount_minor;
    if (running == 0)
      groups.emplace_back();
  }
  groups.pop_back();
  return groups;
}

} // namespace

std::vector<payment> simplify_debts(const std::vector<member_amount>& balances) {
  std::vector<member_amount> nonzero;
  std::copy_if(balances.begin(), balances.end(), std::back_inserter(nonzero),
               [](const member_amount& m) { return m.amount_minor != 0; });
  assert(std::accumulate(nonzero.begin(), nonzero.end(), std::int64_t{0},
                         [](std::int64_t s, const member_amount& m) { return s + m.amount_minor; })
         == 0);
  std::vector<payment> out;
  if (nonzero.size() > simplify_exact_max) {
    settle_greedy(std::move(nonzero), out);
    return out;
  }
  for (auto& group : zero_sum_groups(nonzero))
    settle_greedy(std::move(group), out);
  return out;
}

} // namespace pfms
