#include "actors/lending/core/loan_schedule.hpp"

#include "actors/lending/core/loan_error.hpp"

#include <algorithm>
#include <cassert>

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

// One period's interest on `balance`, rounded half up: under 30/360 a
// twelfth of the year for a period of one calendar month (every period after
// the first, and a first one that ends a month after the start), else its
// 30E/360 days; under actual/365 its calendar days.
std::int64_t period_interest(day_count basis, std::int64_t balance, int rate_bps,
                             const civil_date& from, const civil_date& to, bool first) {
  if (basis == day_count::thirty_360 && (!first || add_months(from, 1) == to))
    return static_cast<std::int64_t>(
      divide_half_up(static_cast<wide>(balance) * rate_bps, 120'000));
  return interest_between(basis, balance, rate_bps, from, to);
}

// How the installments after a re-planning are made.
struct plan {
  std::int64_t payment = 0;   ///< annuity: the level installment
  std::int64_t principal = 0; ///< equal principal: each period's principal
};

plan plan_for(schedule_type type, std::int64_t balance, int rate_bps, int periods) {
  if (periods <= 0)
    return {};
  if (type == schedule_type::annuity)
    return {annuity_payment(balance, rate_bps, periods), 0};
  if (type == schedule_type::equal_principal)
    return {0, balance / periods};
  return {};
}

std::int64_t principal_part(schedule_type type, const plan& p, std::int64_t interest) {
  switch (type) {
    case schedule_type::annuity: return std::max<std::int64_t>(p.payment - interest, 0);
    case schedule_type::equal_principal: return p.principal;
    case schedule_type::interest_only: return 0;
  }
  return 0;
}

// The adjustments of one kind, in order.
std::vector<loan_adjustment> of_kind(const std::vector<loan_adjustment>& all,
                                     loan_adjustment::kind what) {
  std::vector<loan_adjustment> out;
  for (const auto& a : all)
    if (a.what == what)
      out.push_back(a);
  return out;
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

std::int64_t interest_between(day_count basis, std::int64_t balance, int rate_bps,
                              const civil_date& from, const civil_date& to) {
  std::int64_t days = days_from_civil(to) - days_from_civil(from);
  std::int64_t year = 365;
  if (basis == day_count::thirty_360) {
    days = 360 * (to.year - from.year) + 30 * (to.month - from.month)
           + (std::min(to.day, 30) - std::min(from.day, 30));
    year = 360;
  }
  if (days <= 0)
    return 0;
  return static_cast<std::int64_t>(
    divide_half_up(static_cast<wide>(balance) * rate_bps * days, 10'000 * static_cast<wide>(year)));
}

result<std::vector<installment>> build_schedule(const loan_terms& t) {
  return derive_schedule(t, {});
}

result<std::vector<installment>> derive_schedule(const loan_terms& t,
                                                 const std::vector<loan_adjustment>& adjustments) {
  if (auto ok = check(t); !ok)
    return ok.error();
  using kind = loan_adjustment::kind;
  const auto rates = of_kind(adjustments, kind::rate_change);
  const auto prepayments = of_kind(adjustments, kind::prepayment);
  const auto payoffs = of_kind(adjustments, kind::payoff);
  std::vector<installment> out;
  std::int64_t balance = t.principal_minor;
  int rate = t.annual_rate_bps;
  plan current = plan_for(t.type, balance, rate, t.term_months);
  civil_date from = t.start;
  std::size_t next_rate = 0;
  std::size_t next_prepayment = 0;
  for (int k = 0; k < t.term_months && balance > 0; ++k) {
    const auto due = add_months(t.first_due, k);
    bool replan = false;
    for (; next_rate < rates.size() && rates[next_rate].on <= from; ++next_rate, replan = true)
      rate = rates[next_rate].rate_bps;
    if (replan && t.type == schedule_type::annuity)
      current = plan_for(t.type, balance, rate, t.term_months - k);
    if (!payoffs.empty() && payoffs.front().on < due) {
      const auto& p = payoffs.front();
      const auto interest =
        p.interest_minor >= 0 ? p.interest_minor : interest_between(t.basis, balance, rate, from, p.on);
      // Prepayments made earlier in this period lower what is left; the
      // period's interest still runs on its whole balance (they count at its end).
      auto principal = balance;
      for (; next_prepayment < prepayments.size() && prepayments[next_prepayment].on < due;
           ++next_prepayment)
        principal -= prepayments[next_prepayment].amount_minor;
      assert(principal >= 0);
      out.push_back({p.on, principal, interest, principal + interest, 0});
      break;
    }
    const auto interest = period_interest(t.basis, balance, rate, from, due, k == 0);
    const bool last = k + 1 == t.term_months;
    const auto principal =
      last ? balance : std::min(balance, principal_part(t.type, current, interest));
    balance -= principal;
    out.push_back({due, principal, interest, principal + interest, balance});
    for (; next_prepayment < prepayments.size() && prepayments[next_prepayment].on < due;
         ++next_prepayment) {
      const auto& p = prepayments[next_prepayment];
      assert(p.amount_minor > 0 && p.amount_minor <= balance);
      balance -= p.amount_minor;
      out.back().balance_after_minor = balance;
      if (p.mode == prepayment_mode::reduce_installment)
        current = plan_for(t.type, balance, rate, t.term_months - k - 1);
    }
    from = due;
  }
  return out;
}

} // namespace pfms
