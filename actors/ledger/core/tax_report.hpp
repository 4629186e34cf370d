#pragma once

// What a tax year looks like: taxable income and deductible expenses per tax
// category and currency, from the transactions that occurred in the year.
// Pure.

#include "actors/ledger/core/account_core.hpp"
#include "events/clock.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pfms {

struct tax_line {
  std::string tax_category;
  std::string currency;
  std::int64_t taxable_income_minor = 0;
  std::int64_t deductible_expenses_minor = 0;
  friend bool operator==(const tax_line&, const tax_line&) = default;
};

/// Sums every unvoided transaction of `entries` that occurred in [from, until):
/// each split line under its own category, else the whole amount under the
/// transaction's; a category whose tax category (in `categories`, name → tax
/// category) is empty or unknown counts nowhere. Incomes are taxable, expenses
/// deductible. Lines by tax category, then currency. `amount_overflow` past int64.
[[nodiscard]] result<std::vector<tax_line>>
tax_summary(const std::vector<transaction_entry>& entries,
            const std::map<std::string, std::string>& categories, time_us from, time_us until);

} // namespace pfms
