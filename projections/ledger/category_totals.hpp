#pragma once

// The category totals projection: each owner's income and expense per month
// (UTC), category and currency, from their unvoided transactions, split lines
// under their own categories:
//   "m:" ‖ owner ‖ 0x00 ‖ month (year × 12 + month − 1, i64 sign-flipped, u64 BE)
//        ‖ category index (16 B) ‖ currency → CategoryTotalRow
// The row holds the category sealed under the owner's key; the index is a
// keyed hash of it under the same key (blind_index), so each category has one
// row per month and currency and neither shows its name. Sums are 128-bit; a
// read answers `money_errc::overflow` when one leaves int64. The monthly
// report reads it.
//
// The tax years projection is the same fold by year (UTC) instead of month,
// in its own family: "y:" ‖ owner ‖ 0x00 ‖ year (i64 sign-flipped, u64 BE)
// ‖ category index ‖ currency → CategoryTotalRow. The tax year reads it, and
// maps each category to its tax category as the owner defines them at the
// time of the read.

#include "events/event_store.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The projection's fold.
[[nodiscard]] result<std::vector<read_model_put>>
fold_category_totals(const event_store& store, std::string_view family,
                     std::span<const recorded_event> events);

inline constexpr projection category_totals_projection{"category_totals", "rm_category_totals",
                                                       &fold_category_totals};

/// The tax years projection's fold.
[[nodiscard]] result<std::vector<read_model_put>>
fold_tax_years(const event_store& store, std::string_view family,
               std::span<const recorded_event> events);

inline constexpr projection tax_years_projection{"tax_years", "rm_tax_years", &fold_tax_years};

struct category_total {
  int month = 1; ///< 1..12; 1 in a whole year's total (year_totals_of)
  std::string category;
  std::string currency;
  std::int64_t income_minor = 0;
  std::int64_t expense_minor = 0;
  friend bool operator==(const category_total&, const category_total&) = default;
};

/// `owner_id`'s totals in `year` (UTC), categories opened, by month, then
/// category, then currency.
[[nodiscard]] result<std::vector<category_total>>
category_totals_of(const event_store& store, const std::string& owner_id, int year);

/// `owner_id`'s totals of the whole `year` (UTC) from the tax years
/// projection, by category, then currency.
[[nodiscard]] result<std::vector<category_total>>
year_totals_of(const event_store& store, const std::string& owner_id, int year);

struct tax_total {
  std::string tax_category;
  std::string currency;
  std::int64_t taxable_income_minor = 0;
  std::int64_t deductible_expenses_minor = 0;
  friend bool operator==(const tax_total&, const tax_total&) = default;
};

/// `totals` by tax category (`categories`: category → tax category; an empty
/// or unknown one counts nowhere): incomes taxable, expenses deductible. By
/// tax category, then currency. Pure.
[[nodiscard]] result<std::vector<tax_total>>
tax_totals(const std::vector<category_total>& totals,
           const std::map<std::string, std::string>& categories);

} // namespace pfms
