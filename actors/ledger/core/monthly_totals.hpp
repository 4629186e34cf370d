#pragma once

// Income and expense per month, category and currency, from the transactions
// that occurred in a year. Pure.

#include "actors/ledger/core/account_core.hpp"
#include "events/clock.hpp"
#include "events/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

struct monthly_total {
  int month = 1; ///< 1..12
  std::string category;
  std::string currency;
  std::int64_t income_minor = 0;
  std::int64_t expense_minor = 0;
  friend bool operator==(const monthly_total&, const monthly_total&) = default;
};

/// Sums every unvoided transaction of `entries` that occurred from
/// `month_starts[0]` up to `month_starts[12]` (the 13 first instants of the
/// year's months and of the next January), split lines under their own
/// categories. By month, then category, then currency. `amount_overflow` past int64.
[[nodiscard]] result<std::vector<monthly_total>>
monthly_totals(const std::vector<transaction_entry>& entries,
               const std::array<time_us, 13>& month_starts);

} // namespace pfms
