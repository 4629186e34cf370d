#include "actors/lending/core/loan_position.hpp"

#include <algorithm>
#include <cassert>

namespace pfms {

namespace {

// What the pools cover of `schedule`, installment by installment.
std::vector<installment_cover> cover(const std::vector<installment>& schedule,
                                     std::int64_t interest_pool, std::int64_t principal_pool) {
  std::vector<installment_cover> out;
  out.reserve(schedule.size());
  for (const auto& i : schedule) {
    const auto interest = std::min(interest_pool, i.interest_minor);
    const auto principal = std::min(principal_pool, i.principal_minor);
    interest_pool -= interest;
    principal_pool -= principal;
    out.push_back({interest, principal});
  }
  return out;
}

// The schedule as it would be after a payoff on `on` with `interest` (−1: accrued).
std::vector<installment> paid_off_on(const loan_state& s, const civil_date& on,
                                     std::int64_t interest) {
  auto adjustments = s.adjustments;
  adjustments.push_back({loan_adjustment::kind::payoff, on, 0, 0, {}, interest});
  auto derived = derive_schedule(terms_of(s), adjustments);
  assert(derived); // the terms were checked at origination
  return std::move(*derived);
}

} // namespace

std::vector<installment_cover> covers_of(const loan_state& s) {
  return cover(s.schedule, s.paid_interest, s.paid_principal);
}

loan_payable payable_on(const loan_state& s, const civil_date& on) {
  loan_payable out;
  out.fees_minor = fees_outstanding(s);
  const auto covers = covers_of(s);
  std::size_t i = 0;
  for (; i < s.schedule.size(); ++i) {
    const auto& due = s.schedule[i];
    const auto interest = due.interest_minor - covers[i].interest_paid_minor;
    const auto principal = due.principal_minor - covers[i].principal_paid_minor;
    if (on < due.due) {
      out.next_interest_minor = interest;
      out.next_principal_minor = principal;
      break;
    }
    out.due_interest_minor += interest;
    out.due_principal_minor += principal;
  }
  out.next_installment = static_cast<int>(i);
  return out;
}

payoff_quote quote_on(const loan_state& s, const civil_date& on) {
  payoff_quote out;
  out.on = on;
  out.fees_minor = fees_outstanding(s);
  auto schedule = s.schedule;
  const bool inside = !schedule.empty() && on < schedule.back().due;
  if (inside) {
    // The current period's interest accrues to `on`; what was paid of it stays paid.
    const auto accrued = paid_off_on(s, on, -1);
    const auto k = accrued.size() - 1;
    const auto paid_ahead = cover(s.schedule, s.paid_interest, s.paid_principal)[k];
    out.final_interest_minor = std::max(accrued[k].interest_minor, paid_ahead.interest_paid_minor);
    schedule = paid_off_on(s, on, out.final_interest_minor);
    out.ends_period = true;
  }
  const auto covers = cover(schedule, s.paid_interest, s.paid_principal);
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    out.interest_minor += schedule[i].interest_minor - covers[i].interest_paid_minor;
    out.principal_minor += schedule[i].principal_minor - covers[i].principal_paid_minor;
  }
  out.total_minor = out.fees_minor + out.interest_minor + out.principal_minor;
  return out;
}

std::int64_t principal_outstanding(const loan_state& s) {
  return s.offer.principal_minor - s.paid_principal - s.prepaid;
}

std::int64_t fees_outstanding(const loan_state& s) {
  std::int64_t charged = 0;
  for (const auto& f : s.fees)
    charged += f.amount_minor;
  return charged - s.paid_fees;
}

std::int64_t days_overdue(const loan_state& s, const civil_date& today) {
  if (s.status != loan_status::active)
    return 0;
  const auto covers = covers_of(s);
  for (std::size_t i = 0; i < s.schedule.size(); ++i)
    if (!covers[i].paid(s.schedule[i]))
      return std::max<std::int64_t>(days_from_civil(today) - days_from_civil(s.schedule[i].due), 0);
  return 0;
}

std::optional<civil_date> next_fee_day(const loan_state& s) {
  if (s.status != loan_status::active || s.offer.late_fee.fee_minor == 0)
    return std::nullopt;
  const auto covers = covers_of(s);
  for (std::size_t i = 0; i < s.schedule.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const bool charged = std::any_of(s.fees.begin(), s.fees.end(),
                                     [&](const loan_fee& f) { return f.installment == number; });
    if (!charged && !covers[i].paid(s.schedule[i]))
      return civil_from_days(days_from_civil(s.schedule[i].due) + s.offer.late_fee.grace_days + 1);
  }
  return std::nullopt;
}

civil_date civil_day_of(std::int64_t us) {
  constexpr std::int64_t day_us = 86'400'000'000;
  return civil_from_days(us >= 0 ? us / day_us : (us - day_us + 1) / day_us);
}

} // namespace pfms
