#include "actors/lending/core/loan_core.hpp"

#include "actors/lending/core/loan_position.hpp"

#include <array>
#include <cassert>
#include <numeric>

namespace pfms {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

void rederive(loan_state& s) {
  auto derived = derive_schedule(terms_of(s), s.adjustments);
  assert(derived); // the terms were checked at origination, the adjustments when decided
  s.schedule = std::move(*derived);
}

// The invariants every event keeps.
void check(const loan_state& s) {
  [[maybe_unused]] std::int64_t principal = 0;
  [[maybe_unused]] std::int64_t interest = 0;
  for (const auto& i : s.schedule) {
    assert(i.principal_minor >= 0 && i.interest_minor >= 0 && i.balance_after_minor >= 0);
    principal += i.principal_minor;
    interest += i.interest_minor;
  }
  assert(principal + s.prepaid == s.offer.principal_minor);
  assert(s.paid_principal <= principal && s.paid_interest <= interest);
  assert(fees_outstanding(s) >= 0);
}

} // namespace

std::string_view to_string(loan_status s) {
  static constexpr std::array<std::string_view, 7> names{
    "", "proposed", "accepted", "active", "paid_off", "written_off", "closed"};
  return names[static_cast<std::size_t>(s)];
}

bool is_party(const loan_state& s, const std::string& user_id) {
  return s.originated && !user_id.empty()
         && (s.offer.lender.user_id == user_id || s.offer.borrower.user_id == user_id);
}

const std::string& lender_side(const loan_state& s) {
  return s.offer.lender.user_id.empty() ? s.offer.borrower.user_id : s.offer.lender.user_id;
}

const std::string& borrower_side(const loan_state& s) {
  return s.offer.borrower.user_id.empty() ? s.offer.lender.user_id : s.offer.borrower.user_id;
}

loan_terms terms_of(const loan_state& s) {
  const auto& o = s.offer;
  const bool disbursed = s.status >= loan_status::active && s.disbursed_on != civil_date{};
  return {o.principal_minor, o.annual_rate_bps, o.term_months, o.type,
          o.basis,           disbursed ? s.disbursed_on : o.start_on, o.first_due};
}

loan_state evolve(loan_state s, const loan_event& e) {
  ++s.version;
  std::visit(
    overloaded{
      [&](const loan_originated& x) {
        s.originated = true;
        s.offer = x.offer;
        const bool both_users = !x.offer.lender.user_id.empty() && !x.offer.borrower.user_id.empty();
        s.status = both_users ? loan_status::proposed : loan_status::accepted;
        s.receiving_account_id = x.offer.receiving_account_id;
        rederive(s);
      },
      [&](const loan_accepted& x) {
        s.status = loan_status::accepted;
        if (!x.receiving_account_id.empty())
          s.receiving_account_id = x.receiving_account_id;
      },
      [&](const disbursement_requested& x) {
        assert(s.status == loan_status::accepted && s.disbursing.transfer_id.empty());
        s.disbursing = x.disbursement;
      },
      [&](const disbursement_failed& x) {
        assert(s.disbursing.transfer_id == x.transfer_id);
        s.disbursing = {};
        s.last_failure = x;
      },
      [&](const loan_disbursed& x) {
        assert(s.disbursing.transfer_id == x.transfer_id);
        s.disbursed_through = s.disbursing;
        s.disbursing = {};
        s.status = loan_status::active;
        s.disbursed_on = x.on;
        s.last_dated = x.on;
        rederive(s);
      },
      [&](const repayment_recorded& x) {
        const auto& r = x.repayment;
        s.repayments.push_back(r);
        s.paid_fees += r.applied.fees_minor;
        s.paid_interest += r.applied.interest_minor;
        s.paid_principal += r.applied.principal_minor;
        s.last_dated = r.on;
        if (r.applied.excess_minor > 0) {
          s.prepaid += r.applied.excess_minor;
          s.adjustments.push_back(
            {loan_adjustment::kind::prepayment, r.on, r.applied.excess_minor, 0, r.mode, -1});
          rederive(s);
        }
      },
      [&](const prepayment_recorded& x) {
        s.prepayment_ids.push_back(x.prepayment_id);
        s.prepaid += x.amount_minor;
        s.last_dated = x.on;
        s.adjustments.push_back({loan_adjustment::kind::prepayment, x.on, x.amount_minor, 0, x.mode, -1});
        rederive(s);
      },
      [&](const loan_rate_changed& x) {
        s.adjustments.push_back(
          {loan_adjustment::kind::rate_change, x.from, 0, x.annual_rate_bps, {}, -1});
        rederive(s);
      },
      [&](const late_fee_charged& x) { s.fees.push_back(x.fee); },
      [&](const loan_paid_off& x) {
        if (x.final_interest_minor >= 0) {
          s.adjustments.push_back(
            {loan_adjustment::kind::payoff, x.on, 0, 0, {}, x.final_interest_minor});
          rederive(s);
        }
        s.status = loan_status::paid_off;
        assert(principal_outstanding(s) == 0 && fees_outstanding(s) == 0);
      },
      [&](const loan_written_off& x) {
        s.status = loan_status::written_off;
        s.written_off = x;
      },
      [&](const loan_closed&) { s.status = loan_status::closed; },
    },
    e);
  check(s);
  return s;
}

} // namespace pfms
