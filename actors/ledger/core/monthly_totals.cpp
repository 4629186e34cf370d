#include "actors/ledger/core/monthly_totals.hpp"

#include "actors/ledger/core/account_error.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pfms {

result<std::vector<monthly_total>>
monthly_totals(const std::vector<transaction_entry>& entries,
               const std::array<time_us, 13>& month_starts) {
  std::map<std::tuple<int, std::string, std::string>, monthly_total> totals;
  for (const auto& entry : entries) {
    const auto& t = entry.content;
    if (entry.voided || t.occurred_at_us < month_starts.front()
        || t.occurred_at_us >= month_starts.back())
      continue;
    const int month = static_cast<int>(
      std::upper_bound(month_starts.begin(), month_starts.end(), t.occurred_at_us)
      - month_starts.begin());
    const auto parts = t.splits.empty() ? std::vector<split_line>{{t.category, t.amount_minor}}
                                        : t.splits;
    for (const auto& part : parts) {
      auto& total = totals[{month, part.category, t.currency}];
      total.month = month;
      total.category = part.category;
      total.currency = t.currency;
      auto& sum = t.kind == transaction_kind::income ? total.income_minor : total.expense_minor;
      if (__builtin_add_overflow(sum, part.amount_minor, &sum))
        return make_failure(account_errc::amount_overflow, "a monthly total overflows");
    }
  }
  std::vector<monthly_total> out;
  for (auto& [key, total] : totals)
    out.push_back(std::move(total));
  return out;
}

} // namespace pfms
