#pragma once

// The CAF message types of loans: commands (loan_core.hpp) with their
// `inspect`, the reply, and the typed interface of the loan actor and its
// directory. Every type can cross the wire to another node.

#include "actors/loan_core.hpp"
#include "actors/messages.hpp"

#include <caf/meta/type_name.hpp>

namespace pfms {

/// A loan as its parties see it on `today`: the state (the schedule in it is
/// derived; `repayments` is left empty, the totals paid are in it) and the
/// day it was answered on, for what is due and overdue.
struct loan_snapshot {
  loan_state state;
  civil_date today;
};

/// The loan for `caller_id` (a party; else loan_not_found).
struct loan_query {
  std::string loan_id;
  std::string caller_id;
};

/// Wakes the loan so its due-date timer runs (sent at start to every active loan).
struct wake_loan {
  std::string loan_id;
};

/// The loan asks the ledger again where its disbursement's transfer stands
/// (sent to itself: after a recovery, and with backoff while it is pending).
struct resume_disbursement {
  std::string transfer_id;
  std::uint32_t attempt = 0;
};

using loan_actor = caf::typed_actor<
  caf::replies_to<originate_loan, command_context>::with<loan_snapshot>,
  caf::replies_to<accept_loan, command_context>::with<loan_snapshot>,
  caf::replies_to<disburse_loan, command_context>::with<loan_snapshot>,
  caf::replies_to<record_repayment, command_context>::with<loan_snapshot>,
  caf::replies_to<prepay_loan, command_context>::with<loan_snapshot>,
  caf::replies_to<change_loan_rate, command_context>::with<loan_snapshot>,
  caf::replies_to<write_off_loan, command_context>::with<loan_snapshot>,
  caf::replies_to<close_loan, command_context>::with<loan_snapshot>,
  caf::replies_to<loan_query>::with<loan_snapshot>,
  caf::reacts_to<wake_loan>,
  caf::reacts_to<resume_disbursement>,
  caf::reacts_to<charge_late_fees>>; ///< the due-date timer's tick

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, civil_date& x) {
  return f(caf::meta::type_name("civil_date"), x.year, x.month, x.day);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_party& x) {
  return f(caf::meta::type_name("loan_party"), x.user_id, x.name);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, late_fee_policy& x) {
  return f(caf::meta::type_name("late_fee_policy"), x.fee_minor, x.grace_days);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_offer& x) {
  return f(caf::meta::type_name("loan_offer"), x.loan_id, x.lender, x.borrower, x.currency,
           x.principal_minor, x.annual_rate_bps, x.term_months, x.type, x.basis, x.start_on,
           x.first_due, x.order, x.overpayment, x.excess_mode, x.late_fee, x.originated_by,
           x.receiving_account_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_disbursement& x) {
  return f(caf::meta::type_name("loan_disbursement"), x.transfer_id, x.from_account_id,
           x.to_account_id, x.on, x.by);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, disbursement_failed& x) {
  return f(caf::meta::type_name("disbursement_failed"), x.transfer_id, x.reason);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, allocation& x) {
  return f(caf::meta::type_name("allocation"), x.fees_minor, x.interest_minor, x.principal_minor,
           x.excess_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_repayment& x) {
  return f(caf::meta::type_name("loan_repayment"), x.repayment_id, x.on, x.amount_minor,
           x.applied, x.mode, x.payoff);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_fee& x) {
  return f(caf::meta::type_name("loan_fee"), x.installment, x.on, x.amount_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_adjustment& x) {
  return f(caf::meta::type_name("loan_adjustment"), x.what, x.on, x.amount_minor, x.rate_bps,
           x.mode, x.interest_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, installment& x) {
  return f(caf::meta::type_name("installment"), x.due, x.principal_minor, x.interest_minor,
           x.total_minor, x.balance_after_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_written_off& x) {
  return f(caf::meta::type_name("loan_written_off"), x.on, x.principal_minor, x.interest_minor,
           x.fees_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_state& x) {
  return f(caf::meta::type_name("loan_state"), x.originated, x.offer, x.status, x.version,
           x.disbursed_on, x.adjustments, x.repayments, x.prepayment_ids, x.fees, x.paid_fees,
           x.paid_interest, x.paid_principal, x.prepaid, x.last_dated, x.written_off, x.schedule,
           x.receiving_account_id, x.disbursing, x.disbursed_through, x.last_failure);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_snapshot& x) {
  return f(caf::meta::type_name("loan_snapshot"), x.state, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_query& x) {
  return f(caf::meta::type_name("loan_query"), x.loan_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, wake_loan& x) {
  return f(caf::meta::type_name("wake_loan"), x.loan_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, originate_loan& x) {
  return f(caf::meta::type_name("originate_loan"), x.offer, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, accept_loan& x) {
  return f(caf::meta::type_name("accept_loan"), x.loan_id, x.caller_id, x.receiving_account_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, disburse_loan& x) {
  return f(caf::meta::type_name("disburse_loan"), x.loan_id, x.caller_id, x.on, x.today,
           x.from_account_id, x.transfer_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, resume_disbursement& x) {
  return f(caf::meta::type_name("resume_disbursement"), x.transfer_id, x.attempt);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, record_repayment& x) {
  return f(caf::meta::type_name("record_repayment"), x.loan_id, x.caller_id, x.repayment_id,
           x.amount_minor, x.on, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, prepay_loan& x) {
  return f(caf::meta::type_name("prepay_loan"), x.loan_id, x.caller_id, x.prepayment_id,
           x.amount_minor, x.mode, x.on, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, change_loan_rate& x) {
  return f(caf::meta::type_name("change_loan_rate"), x.loan_id, x.caller_id, x.annual_rate_bps,
           x.from, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, write_off_loan& x) {
  return f(caf::meta::type_name("write_off_loan"), x.loan_id, x.caller_id, x.on, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, charge_late_fees& x) {
  return f(caf::meta::type_name("charge_late_fees"), x.loan_id, x.today);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, close_loan& x) {
  return f(caf::meta::type_name("close_loan"), x.loan_id, x.caller_id);
}

} // namespace pfms
