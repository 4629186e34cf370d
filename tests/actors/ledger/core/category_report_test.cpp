// The monthly report and the tax year, in the owner's time zone: months and
// years by local date, split lines apart, voided transactions never, 128-bit
// sums checked.

#include "actors/ledger/core/category_report.hpp"
#include "events/civil_date.hpp"
#include "events/money.hpp"

#include <doctest/doctest.h>

using namespace pfms;

namespace {

constexpr auto income = transaction_kind::income;
constexpr auto expense = transaction_kind::expense;

// The UTC instant of `y`-`m`-`d` `h`:00, plus `us`.
time_us at(int y, int m, int d, int h = 0, time_us us = 0) {
  return (days_from_civil({y, m, d}) * 86'400 + h * 3'600) * 1'000'000 + us;
}

transaction_entry tx(transaction_kind kind, std::int64_t amount, time_us when,
                     const char* category, std::vector<split_line> splits = {},
                     const char* currency = "EUR") {
  return {{"t", kind, amount, currency, when, category, "", "", {}, std::move(splits)}, false, 1};
}

// A zone that is only `rule` (a TZif without transitions).
time_zone zone_of(const char* rule) {
  auto parsed = parse_posix_tz(rule);
  REQUIRE(parsed);
  // A TZif of version 2 with no transitions and this footer.
  std::string header = "TZif2" + std::string(15, '\0');
  std::string counts(24, '\0');
  counts[19] = 1; // typecnt = 1, in both headers
  std::string v1_block(6, '\0');
  auto file = header + counts + v1_block + header + counts + v1_block + "\n" + rule + "\n";
  auto zone = time_zone::from_tzif(file);
  REQUIRE(zone);
  return *zone;
}

} // namespace

TEST_CASE("monthly totals: by month, category and currency; split lines apart; voided never") {
  const time_zone utc;
  category_report r(utc, 2026, true);
  r.add(tx(income, 3000, at(2026, 1, 1), "salary"));                      // January, first instant
  r.add(tx(expense, 100, at(2026, 2, 1) - 1, "food"));                    // January, last
  r.add(tx(expense, 90, at(2026, 2, 1), "mixed", {{"food", 60}, {"fun", 30}})); // February
  r.add(tx(expense, 5, at(2027, 1, 1), "food"));                          // next year
  r.add(tx(expense, 7, at(2026, 1, 1) - 1, "food"));                      // the year before
  auto voided = tx(expense, 1, at(2026, 2, 3), "food");
  voided.voided = true;
  r.add(voided);
  r.add(tx(income, 40, at(2026, 2, 3), "salary", {}, "USD"));
  auto totals = r.totals();
  REQUIRE(totals);
  const std::vector<category_total> expected{{1, "food", "EUR", 0, 100},
                                             {1, "salary", "EUR", 3000, 0},
                                             {2, "food", "EUR", 0, 60},
                                             {2, "fun", "EUR", 0, 30},
                                             {2, "salary", "USD", 40, 0}};
  CHECK(*totals == expected);
}

TEST_CASE("months and years follow the owner's local date") {
  // Berlin's rule: +1 in winter, +2 in summer.
  const auto berlin = zone_of("CET-1CEST,M3.5.0,M10.5.0/3");
  category_report months(berlin, 2026, true);
  months.add(tx(expense, 1, at(2025, 12, 31, 23), "food"));    // 00:00 on 1 January in Berlin
  months.add(tx(expense, 2, at(2026, 1, 31, 23) - 1, "food")); // 23:59:59 on 31 January
  months.add(tx(expense, 4, at(2026, 1, 31, 23), "food"));     // 00:00 on 1 February
  months.add(tx(expense, 8, at(2026, 6, 30, 22), "food"));     // 00:00 on 1 July (summer time)
  months.add(tx(expense, 16, at(2026, 12, 31, 23), "food"));   // 2027 in Berlin
  const std::vector<category_total> expected{{1, "food", "EUR", 0, 3},
                                             {2, "food", "EUR", 0, 4},
                                             {7, "food", "EUR", 0, 8}};
  CHECK(*months.totals() == expected);
  // West of UTC the year ends later: 05:00 UTC on 1 January is still 2026 in New York.
  const auto new_york = zone_of("EST5EDT,M3.2.0,M11.1.0");
  category_report year(new_york, 2026, false);
  year.add(tx(income, 10, at(2027, 1, 1, 4), "salary"));
  year.add(tx(income, 20, at(2026, 1, 1, 4), "salary")); // 23:00 on 31 December 2025
  CHECK(*year.totals() == std::vector<category_total>{{1, "salary", "EUR", 10, 0}});
  // Kiritimati (+14) and Niue (−11): the widest offsets in use stay inside the window.
  const auto window = year_window(2026);
  CHECK(window.from_us <= at(2026, 1, 1) - 14 * 3'600'000'000LL);
  CHECK(window.until_us >= at(2027, 1, 1) + 12 * 3'600'000'000LL);
}

TEST_CASE("a total past int64 answers overflow; tax totals map categories to tax categories") {
  const time_zone utc;
  category_report r(utc, 2026, true);
  r.add(tx(income, INT64_MAX, at(2026, 3, 1), "salary"));
  r.add(tx(income, 1, at(2026, 3, 2), "salary"));
  CHECK(is(r.totals().error(), money_errc::overflow));

  category_report y(utc, 2026, false);
  y.add(tx(income, 3000, at(2026, 1, 2), "salary"));
  y.add(tx(expense, 100, at(2026, 1, 3), "mixed", {{"charity", 60}, {"food", 40}}));
  y.add(tx(expense, 10, at(2026, 5, 3), "charity"));
  y.add(tx(income, 40, at(2026, 1, 2), "salary", {}, "USD"));
  const std::map<std::string, std::string> categories{
    {"salary", "employment_income"}, {"charity", "donations"}, {"food", ""}};
  auto lines = tax_totals(*y.totals(), categories);
  REQUIRE(lines);
  const std::vector<tax_total> expected{{"donations", "EUR", 0, 70},
                                        {"employment_income", "EUR", 3000, 0},
                                        {"employment_income", "USD", 40, 0}};
  CHECK(*lines == expected);
  const std::vector<category_total> huge{{1, "salary", "EUR", INT64_MAX, 0},
                                         {2, "salary", "EUR", 1, 0}};
  CHECK(is(tax_totals(huge, categories).error(), money_errc::overflow));
}
