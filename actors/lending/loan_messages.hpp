#pragma once

// The CAF message types of loans: commands (loan_core.hpp) with their
// `inspect`, the reply, and the typed interface of the loan actor and its
// directory. Every type can cross the wire to another node.

#include "actors/ledger/account_messages.hpp"
#include "actors/lending/core/loan_core.hpp"
#include "events/message_declaration.hpp"


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

/// Wakes the loan so its due-date timer runs (sent by its directory when its
/// durable timer is due).
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
  caf::reacts_to<wake_loan>>;

PFMS_MESSAGE(civil_date);
PFMS_MESSAGE(loan_party);
PFMS_MESSAGE(late_fee_policy);
PFMS_MESSAGE(loan_offer);
PFMS_MESSAGE(loan_disbursement);
PFMS_MESSAGE(disbursement_failed);
PFMS_MESSAGE(allocation);
PFMS_MESSAGE(loan_repayment);
PFMS_MESSAGE(loan_fee);
PFMS_MESSAGE(loan_adjustment);
PFMS_MESSAGE(installment);
PFMS_MESSAGE(loan_written_off);
PFMS_MESSAGE(loan_state);
PFMS_MESSAGE(loan_snapshot);
PFMS_MESSAGE(loan_query);
PFMS_MESSAGE(wake_loan);
PFMS_MESSAGE(originate_loan);
PFMS_MESSAGE(accept_loan);
PFMS_MESSAGE(disburse_loan);
PFMS_MESSAGE(resume_disbursement);
PFMS_MESSAGE(record_repayment);
PFMS_MESSAGE(prepay_loan);
PFMS_MESSAGE(change_loan_rate);
PFMS_MESSAGE(write_off_loan);
PFMS_MESSAGE(charge_late_fees);
PFMS_MESSAGE(close_loan);

} // namespace pfms
