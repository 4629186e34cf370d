#include "actors/loan_schedule.hpp"

#include "actors/loan_error.hpp"

#include <algorithm>

namespace pfms {

namespace {

__extension__ typedef __int128 wide;
constexpr wide one = static_cast<wide>(1'000'000'000'000'000'000); // 10^18

failure bad(std::string why) {
  return make_failure(loan_errc::invalid_loan_terms, std::move(why));
}

// a / b rounded half up, for a ≥ 0 and b > 0.
wide divide_half_up(wide a, wide b) {
  return (a * 2 + b) / (b * 2);
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

status check(const loan_terms& t) {
  if (t.principal_minor <= 0 || t.principal_minor > loan_principal_max)
    return bad("principal_minor must be 1 to 10^15");
  if (t.annual_rate_bps < 0 || t.annual_rate_bps > loan_rate_bps_max)
    return bad("annual_rate_bps must be 0 to 100000");
  if (t.term_months < 1 || t.term_months > loan_term_months_max)
    return bad("term_months must be 1 to 600");
  for (const auto& d : {t.start, t.first_due})
    if (d.year < 1970 || d.year > 9000 || d.month < 1 || d.month > 12 || d.day < 1
        || d.day > days_in_month(d.year, d.month))
      return bad("dates must be real calendar dates from 1970 on");
  if (t.first_due <= t.start)
    return bad("the first due date must come after the start");
  return done{};
}

// One period's interest on `balance`, rounded half up.
std::int64_t interest_of(const loan_terms& t, std::int64_t balance, const civil_date& from,
                         const civil_date& to) {
  if (t.basis == day_count::thirty_360)
    return static_cast<std::int64_t>(
      divide_half_up(static_cast<wide>(balance) * t.annual_rate_bps, 120'000));
  const auto days = days_from_civil(to) - days_from_civil(from);
  return static_cast<std::int64_t>(
    divide_half_up(static_cast<wide>(balance) * t.annual_rate_bps * days, 10'000 * 365));
}

// The principal due in period `i` (0-based) before the last, by schedule type.
std::int64_t principal_part(const loan_terms& t, std::int64_t payment, std::int64_t interest) {
  switch (t.type) {
    case schedule_type::annuity: return std::max<std::int64_t>(payment - interest, 0);
    case schedule_type::equal_principal: return t.principal_minor / t.term_months;
    case schedule_type::interest_only: return 0;
  }
  return 0;
}

} // namespace

result<schedule_type> parse_schedule_type(std::string_view text) {
  if (text == "annuity")
    return schedule_type::annuity;
  if (text == "equal_principal")
    return schedule_type::equal_principal;
  if (text == "interest_only")
    return schedule_type::interest_only;
  return bad("schedule must be annuity, equal_principal or interest_only");
}

result<day_count> parse_day_count(std::string_view text) {
  if (text == "30/360")
    return day_count::thirty_360;
  if (text == "actual/365")
    return day_count::actual_365;
  return bad("day_count must be 30/360 or actual/365");
}

std::int64_t days_from_civil(const civil_date& d) {
  // H. Hinnant's days_from_civil.
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

civil_date add_months(const civil_date& d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;
  civil_date out{index / 12, index % 12 + 1, d.day};
  out.day = std::min(out.day, days_in_month(out.year, out.month));
  return out;
}

std::int64_t annuity_payment(std::int64_t principal, int rate_bps, int months) {
  if (rate_bps == 0)
    return static_cast<std::int64_t>(divide_half_up(principal, months));
  const wide r = one * rate_bps / 120'000;     // the monthly rate in 10^18 fixed point
  const wide q = one * one / (one + r);        // 1 / (1 + r)
  wide v = one;                                // (1 + r)^−n
  for (int i = 0; i < months; ++i)
    v = v * q / one;
  return static_cast<std::int64_t>(divide_half_up(static_cast<wide>(principal) * r, one - v));
}

result<std::vector<installment>> build_schedule(const loan_terms& t) {
  if (auto ok = check(t); !ok)
    return ok.error();
  const auto payment = t.type == schedule_type::annuity
                         ? annuity_payment(t.principal_minor, t.annual_rate_bps, t.term_months)
                         : 0;
  std::vector<installment> out;
  std::int64_t balance = t.principal_minor;
  civil_date from = t.start;
  for (int i = 0; i < t.term_months; ++i) {
    const auto due = add_months(t.first_due, i);
    const auto interest = interest_of(t, balance, from, due);
    const bool last = i + 1 == t.term_months;
    const auto principal =
      last ? balance : std::min(balance, principal_part(t, payment, interest));
    balance -= principal;
    out.push_back({due, principal, interest, principal + interest, balance});
    from = due;
  }
  return out;
}

} // namespace pfms
