#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/core/loan_rules.hpp"
#include "actors/lending/core/loan_schedule.hpp"

#include <doctest/doctest.h>

#include <numeric>

using namespace pfms;

namespace {

loan_terms terms(std::int64_t principal, int bps, int months, schedule_type type,
                 day_count basis = day_count::thirty_360) {
  return {principal, bps, months, type, basis, {2026, 1, 1}, {2026, 2, 1}};
}

std::int64_t principal_sum(const std::vector<installment>& plan) {
  return std::accumulate(plan.begin(), plan.end(), std::int64_t{0},
                         [](std::int64_t s, const installment& i) { return s + i.principal_minor; });
}

} // namespace

TEST_CASE("annuity payments match published amortization tables") {
  struct row {
    const char* name;
    std::int64_t principal;
    int bps;
    int months;
    std::int64_t payment;
  };
  const row rows[] = {
    {"10,000.00 at 5.00% over 12 months", 1'000'000, 500, 12, 85'607},
    {"200,000.00 at 6.00% over 30 years", 20'000'000, 600, 360, 119'910},
    {"25,000.00 at 3.90% over 60 months", 2'500'000, 390, 60, 45'929},
    {"1,000.00 at 0% over 4 months", 100'000, 0, 4, 25'000},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    CHECK(annuity_payment(r.principal, r.bps, r.months) == r.payment);
  }
}

TEST_CASE("an annuity schedule: level totals, the last installment absorbs the rounding") {
  auto plan = build_schedule(terms(1'000'000, 500, 12, schedule_type::annuity));
  REQUIRE(plan);
  REQUIRE(plan->size() == 12);
  CHECK((*plan)[0].interest_minor == 4'167); // 10,000.00 × 5% / 12 = 41.666… → 41.67
  CHECK((*plan)[0].principal_minor == 85'607 - 4'167);
  for (std::size_t i = 0; i + 1 < plan->size(); ++i)
    CHECK((*plan)[i].total_minor == 85'607);
  CHECK(principal_sum(*plan) == 1'000'000);
  CHECK(plan->back().balance_after_minor == 0);
  // The payment was rounded down by 0.48 of a cent each month: the last takes the 5 cents.
  CHECK(plan->back().total_minor == 85'612);
  CHECK(plan->back().due == civil_date{2027, 1, 1});
}

TEST_CASE("equal principal and interest-only schedules") {
  auto equal = build_schedule(terms(100'000, 1'200, 3, schedule_type::equal_principal));
  REQUIRE(equal);
  CHECK((*equal)[0].principal_minor == 33'333);
  CHECK((*equal)[0].interest_minor == 1'000); // 1% a month
  CHECK((*equal)[2].principal_minor == 33'334);
  CHECK(principal_sum(*equal) == 100'000);
  auto only = build_schedule(terms(100'000, 1'200, 3, schedule_type::interest_only));
  REQUIRE(only);
  CHECK((*only)[0].principal_minor == 0);
  CHECK((*only)[1].total_minor == 1'000);
  CHECK((*only)[2].principal_minor == 100'000);
  CHECK((*only)[2].total_minor == 101'000);
}

TEST_CASE("actual/365 counts the days of each period") {
  auto plan = build_schedule(terms(3'650'000, 1'000, 2, schedule_type::interest_only,
                                   day_count::actual_365));
  REQUIRE(plan);
  CHECK((*plan)[0].interest_minor == 31'000); // 31 days of January at 10%: 36,500.00 × 0.1 × 31/365
  CHECK((*plan)[1].interest_minor == 28'000); // 28 days of February 2026
}

TEST_CASE("dates roll by month and clamp to the month's end") {
  CHECK(add_months({2026, 1, 31}, 1) == civil_date{2026, 2, 28});
  CHECK(add_months({2028, 1, 31}, 1) == civil_date{2028, 2, 29});
  CHECK(add_months({2026, 11, 15}, 3) == civil_date{2027, 2, 15});
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) - days_from_civil({2000, 2, 28}) == 2);
}

TEST_CASE("terms out of range are refused") {
  const loan_terms bad_terms[] = {
    terms(0, 500, 12, schedule_type::annuity),
    terms(1'000, -1, 12, schedule_type::annuity),
    terms(1'000, 500, 0, schedule_type::annuity),
    terms(1'000, 500, 601, schedule_type::annuity),
    {1'000, 500, 12, schedule_type::annuity, day_count::thirty_360, {2026, 1, 1}, {2026, 2, 30}},
    {1'000, 500, 12, schedule_type::annuity, day_count::thirty_360, {2026, 3, 1}, {2026, 2, 1}},
  };
  for (const auto& t : bad_terms) {
    auto plan = build_schedule(t);
    REQUIRE_FALSE(plan);
    CHECK(is(plan.error(), loan_errc::invalid_loan_terms));
  }
  CHECK(is(parse_schedule_type("balloon").error(), loan_errc::invalid_loan_terms));
  CHECK(is(parse_day_count("actual/360").error(), loan_errc::invalid_loan_terms));
}

TEST_CASE("repayments pay fees, then interest, then principal; the rest is excess") {
  const amounts_due due{500, 4'167, 1'000'000};
  struct row {
    const char* name;
    std::int64_t amount;
    allocation_order order;
    allocation expected;
  };
  const row rows[] = {
    {"fees only", 300, allocation_order::fees_interest_principal, {300, 0, 0, 0}},
    {"fees and some interest", 1'000, allocation_order::fees_interest_principal, {500, 500, 0, 0}},
    {"a whole installment", 85'607 + 500, allocation_order::fees_interest_principal,
     {500, 4'167, 81'440, 0}},
    {"interest first when so agreed", 1'000, allocation_order::interest_fees_principal,
     {0, 1'000, 0, 0}},
    {"more than everything", 1'100'000, allocation_order::fees_interest_principal,
     {500, 4'167, 1'000'000, 95'333}},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    const auto got = allocate(r.amount, due, r.order);
    CHECK(got == r.expected);
    CHECK(got.fees_minor + got.interest_minor + got.principal_minor + got.excess_minor == r.amount);
  }
}

TEST_CASE("delinquency buckets are named as the issue lists them") {
  CHECK(to_string(bucket_of(61)) == "61-90");
  CHECK(to_string(bucket_of(91)) == "90+");
  CHECK(to_string(bucket_of(31)) == "31-60");
  CHECK(to_string(bucket_of(0)) == "current");
}

TEST_CASE("a 30/360 first period is charged by its length; a calendar month is a twelfth") {
  struct row {
    civil_date start, first_due;
    std::int64_t interest; // on 10,000.00 at 5 %
  };
  const row rows[] = {
    {{2026, 1, 1}, {2026, 1, 26}, 3'472},  // 25/360: 3,472.2
    {{2026, 1, 1}, {2026, 1, 31}, 4'028},  // 30 days, 29 under 30E/360 (the 31st counts as the 30th)
    {{2026, 1, 1}, {2026, 2, 1}, 4'167},   // a calendar month
    {{2026, 1, 31}, {2026, 2, 28}, 4'167}, // a calendar month, clamped to its end
    {{2026, 1, 1}, {2026, 3, 1}, 8'333},   // 59 days, 60/360
    {{2026, 2, 10}, {2026, 3, 7}, 3'750},  // 25 days across February: 27/360
  };
  for (const auto& r : rows) {
    CAPTURE(r.first_due.month);
    CAPTURE(r.first_due.day);
    auto t = terms(1'000'000, 500, 12, schedule_type::annuity);
    t.start = r.start;
    t.first_due = r.first_due;
    auto plan = build_schedule(t);
    REQUIRE(plan);
    CHECK((*plan)[0].interest_minor == r.interest);
    // Every later period is a calendar month: a twelfth of the year on its balance.
    CHECK((*plan)[1].interest_minor == ((*plan)[0].balance_after_minor * 500 + 60'000) / 120'000);
    CHECK(principal_sum(*plan) == 1'000'000);
  }
}
