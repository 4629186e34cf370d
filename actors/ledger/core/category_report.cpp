#include "actors/ledger/core/category_report.hpp"

#include "events/civil_date.hpp"
#include "events/money.hpp"

namespace pfms {

namespace {

__extension__ typedef __int128 sum;

constexpr time_us day_us = 86'400'000'000;

result<std::int64_t> narrow(sum value) {
  if (value > INT64_MAX || value < INT64_MIN)
    return make_failure(money_errc::overflow, "a total does not fit in 64-bit minor units");
  return static_cast<std::int64_t>(value);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

utc_window year_window(int year) {
  return {(days_from_civil({year, 1, 1}) - 2) * day_us,
          (days_from_civil({year + 1, 1, 1}) + 2) * day_us};
}

void category_report::add(const transaction_entry& t) {
  if (t.voided)
    return;
  const auto& c = t.content;
  const auto local = c.occurred_at_us + time_us{zone_.offset_at(c.occurred_at_us)} * 1'000'000;
  const auto date = civil_from_days(floor_div(local, day_us));
  if (date.year != year_)
    return;
  const int month = by_month_ ? date.month : 1;
  auto add_part = [&](const std::string& category, std::int64_t amount) {
    auto& [income, expense] = sums_[{month, category, c.currency}];
    (c.kind == transaction_kind::income ? income : expense) += amount;
  };
  if (c.splits.empty())
    return add_part(c.category, c.amount_minor);
  for (const auto& line : c.splits)
    add_part(line.category, line.amount_minor);
}

result<std::vector<category_total>> category_report::totals() const {
  std::vector<category_total> out;
  for (const auto& [key, both] : sums_) {
    auto income = narrow(both.first);
    auto expense = narrow(both.second);
    if (!income || !expense)
      return !income ? income.error() : expense.error();
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), *income, *expense});
  }
  return out;
}

result<std::vector<tax_total>> tax_totals(const std::vector<category_total>& totals,
                                          const std::map<std::string, std::string>& categories) {
  std::map<std::pair<std::string, std::string>, std::pair<sum, sum>> sums;
  for (const auto& t : totals) {
    auto it = categories.find(t.category);
    if (it == categories.end() || it->second.empty())
      continue;
    auto& [income, expense] = sums[{it->second, t.currency}];
    income += t.income_minor;
    expense += t.expense_minor;
  }
  std::vector<tax_total> out;
  for (const auto& [key, both] : sums) {
    auto income = narrow(both.first);
    auto expense = narrow(both.second);
    if (!income || !expense)
      return !income ? income.error() : expense.error();
    out.push_back({key.first, key.second, *income, *expense});
  }
  return out;
}

} // namespace pfms
