#pragma once

// The loan the actor tests lend: 1,200.00 EUR from u1 to a named outside
// party over six months from 2026-01-01, first due 2026-02-01, a 5.00 late
// fee after three days' grace.

#include "actors/lending/core/loan_core.hpp"
#include "actors/lending/loan_codec.hpp"
#include "events/event_store.hpp"

#include <doctest/doctest.h>

#include <string>

namespace pfms::test {

inline loan_offer sample_offer(const std::string& loan_id) {
  loan_offer o;
  o.loan_id = loan_id;
  o.lender = {"u1", ""};
  o.borrower = {"", "Cousin Ana"};
  o.currency = "EUR";
  o.principal_minor = 120'000;
  o.annual_rate_bps = 1'200;
  o.term_months = 6;
  o.start_on = {2026, 1, 1};
  o.first_due = {2026, 2, 1};
  o.late_fee = {500, 3};
  o.originated_by = "u1";
  return o;
}

/// How many late fees the loan's stream holds.
inline std::size_t late_fees(const event_store& store, const std::string& loan_id) {
  std::size_t charged = 0;
  REQUIRE(store.scan(loan_stream(loan_id), 1, [&](const recorded_event& e) {
    charged += e.type == "LateFeeCharged" ? 1 : 0;
    return true;
  }));
  return charged;
}

} // namespace pfms::test
