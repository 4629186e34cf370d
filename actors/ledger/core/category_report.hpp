#pragma once

// The monthly report and the tax year: an owner's income and expense per
// month (or year), category and currency, with months and years in the
// owner's time zone. Built from the transactions themselves, one at a time;
// voided ones never count, split lines count under their own categories.
// Sums are 128-bit; a total that leaves int64 is `money_errc::overflow`. Pure.

#include "actors/ledger/core/account_core.hpp"
#include "events/clock.hpp"
#include "events/result.hpp"
#include "events/time_zone.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace pfms {

struct category_total {
  int month = 1; ///< 1..12; 1 in a whole year's total
  std::string category;
  std::string currency;
  std::int64_t income_minor = 0;
  std::int64_t expense_minor = 0;
  friend bool operator==(const category_total&, const category_total&) = default;
};

/// UTC instants that hold every instant whose local date, in any time zone,
/// falls in `year`: the year's UTC bounds widened by two days each way.
struct utc_window {
  time_us from_us = 0;  ///< inclusive
  time_us until_us = 0; ///< exclusive
};
[[nodiscard]] utc_window year_window(int year);

class category_report {
public:
  /// Totals of `year` in `zone`, by month when `by_month`, else of the whole year.
  category_report(const time_zone& zone, int year, bool by_month)
    : zone_(zone), year_(year), by_month_(by_month) {}

  /// Counts `t` when it is not voided and its local date falls in the year.
  void add(const transaction_entry& t);

  /// The totals by month, category, then currency.
  [[nodiscard]] result<std::vector<category_total>> totals() const;

private:
  __extension__ typedef __int128 sum;
  const time_zone& zone_;
  int year_;
  bool by_month_;
  std::map<std::tuple<int, std::string, std::string>, std::pair<sum, sum>> sums_;
};

struct tax_total {
  std::string tax_category;
  std::string currency;
  std::int64_t taxable_income_minor = 0;
  std::int64_t deductible_expenses_minor = 0;
  friend bool operator==(const tax_total&, const tax_total&) = default;
};

/// `totals` by tax category (`categories`: category → tax category; an empty
/// or unknown one counts nowhere): incomes taxable, expenses deductible. By
/// tax category, then currency.
[[nodiscard]] result<std::vector<tax_total>>
tax_totals(const std::vector<category_total>& totals,
           const std::map<std::string, std::string>& categories);

} // namespace pfms
