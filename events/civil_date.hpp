#pragma once

// Calendar dates (proleptic Gregorian) and their day numbers. Pure.

#include <cstdint>

namespace pfms {

/// A calendar date.
struct civil_date {
  int year = 1970;
  int month = 1; ///< 1..12
  int day = 1;   ///< 1..31
  friend auto operator<=>(const civil_date&, const civil_date&) = default;
};

/// Days since 1970-01-01 (negative before).
[[nodiscard]] std::int64_t days_from_civil(const civil_date& d);
/// The date `days` days after 1970-01-01 (the inverse of days_from_civil).
[[nodiscard]] civil_date civil_from_days(std::int64_t days);
/// The number of days of `month` (1..12) in `year`.
[[nodiscard]] int days_in_month(int year, int month);

} // namespace pfms
