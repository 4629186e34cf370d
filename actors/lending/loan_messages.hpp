#pragma once

// The CAF message types of loans: the typed interface of the loan actor and
// its directory, made from the commands its core lists (loan_core.hpp), and
// the queries and messages only the runtime sends. Every type can cross the
// wire to another node.

#include "actors/ledger/account_messages.hpp"
#include "actors/lending/core/loan_core.hpp"
#include "actors/runtime/command_handlers.hpp"
#include "events/message_declaration.hpp"

namespace pfms {

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

using loan_actor = runtime::entity_interface<loan_commands,
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
PFMS_MESSAGE(loan_query);
PFMS_MESSAGE(wake_loan);
PFMS_MESSAGE(resume_disbursement);
PFMS_MESSAGE(charge_late_fees);

} // namespace pfms
