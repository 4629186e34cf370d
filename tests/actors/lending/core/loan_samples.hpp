#pragma once

// Loans for the core's tests: an offer between two users, an active loan,
// a command run through decide and evolve, a refusal, a repayment.

#include "actors/lending/core/loan_core.hpp"
#include "actors/lending/core/loan_error.hpp"

#include <doctest/doctest.h>

#include <string>

namespace pfms::test {

inline const std::string lender = "11111111-1111-4111-8111-111111111111";
inline const std::string borrower = "22222222-2222-4222-8222-222222222222";

inline loan_offer offer(std::int64_t principal = 1'000'000, int bps = 500, int months = 12) {
  loan_offer o;
  o.loan_id = "33333333-3333-4333-8333-333333333333";
  o.lender = {lender, ""};
  o.borrower = {borrower, ""};
  o.currency = "EUR";
  o.principal_minor = principal;
  o.annual_rate_bps = bps;
  o.term_months = months;
  o.start_on = {2026, 1, 1};
  o.first_due = {2026, 2, 1};
  o.originated_by = lender;
  return o;
}

// `s` after the events `decide` gives for `command`, which must be accepted.
template <class Command>
loan_state run(loan_state s, const Command& command) {
  auto events = decide(s, command);
  REQUIRE_MESSAGE(events, (events ? "" : events.error().detail));
  for (const auto& e : *events)
    s = evolve(std::move(s), e);
  return s;
}

template <class Command>
loan_errc refusal(const loan_state& s, const Command& command) {
  auto events = decide(s, command);
  REQUIRE_FALSE(events);
  REQUIRE(events.error().domain == error_domain::loan);
  return static_cast<loan_errc>(events.error().code);
}

// An active loan: originated by the lender, accepted, disbursed on its start day.
inline loan_state active(loan_offer o = offer()) {
  const civil_date today = o.start_on;
  auto s = run(loan_state{}, originate_loan{o, today});
  if (s.status == loan_status::proposed)
    s = run(s, accept_loan{o.loan_id, borrower});
  return run(s, disburse_loan{o.loan_id, lender_side(s), o.start_on, today});
}

inline record_repayment repay(const loan_state& s, std::int64_t amount, civil_date on,
                       std::string id = "r1") {
  return {s.offer.loan_id, borrower, std::move(id), amount, on, on};
}

} // namespace pfms::test
