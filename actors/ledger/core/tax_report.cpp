#include "actors/ledger/core/tax_report.hpp"

#include "actors/ledger/core/account_error.hpp"

#include <utility>

namespace pfms {

namespace {

using tax_key = std::pair<std::string, std::string>; // tax category, currency

// The parts of `t` by category: its split lines, or the whole amount.
std::vector<split_line> parts_of(const transaction_recorded& t) {
  if (!t.splits.empty())
    return t.splits;
  return {{t.category, t.amount_minor}};
}

} // namespace

result<std::vector<tax_line>>
tax_summary(const std::vector<transaction_entry>& entries,
            const std::map<std::string, std::string>& categories, time_us from, time_us until) {
  std::map<tax_key, tax_line> lines;
  for (const auto& entry : entries) {
    const auto& t = entry.content;
    if (entry.voided || t.occurred_at_us < from || t.occurred_at_us >= until)
      continue;
    for (const auto& part : parts_of(t)) {
      auto it = categories.find(part.category);
      if (it == categories.end() || it->second.empty())
        continue;
      auto& line = lines[{it->second, t.currency}];
      line.tax_category = it->second;
      line.currency = t.currency;
      auto& sum = t.kind == transaction_kind::income ? line.taxable_income_minor
                                                     : line.deductible_expenses_minor;
      if (__builtin_add_overflow(sum, part.amount_minor, &sum))
        return make_failure(account_errc::amount_overflow, "a tax total overflows");
    }
  }
  std::vector<tax_line> out;
  for (auto& [key, line] : lines)
    out.push_back(std::move(line));
  return out;
}

} // namespace pfms
