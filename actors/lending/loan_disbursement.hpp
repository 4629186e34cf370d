#pragma once

// The disbursement saga: a loan's principal moves from the lender's ledger
// account to the borrower's receiving account by a transfer
// (actors/ledger/transfer_saga.hpp), run by the loan's actor. Each step is an event,
// so a crash at any point leaves a state the saga resumes:
//
//   disburse (from_account_id) ─► DisbursementRequested (transfer id)
//     ─► hold_transfer on the lender's account, crediting the borrower's
//        (to_owner_id: the borrower; the transfer's own saga credits once)
//     ├─ "completed" ─► LoanDisbursed (the transfer id)        loan active
//     ├─ refused for good (or released) ─► DisbursementFailed  loan accepted again
//     └─ "pending" / no answer ─► answer the loan with the disbursement
//        pending; ask again with backoff, and when the loan next starts
//
// Never disbursed without the money moving: LoanDisbursed follows only a
// completed transfer, DisbursementFailed only a final refusal, and the
// transfer id makes every ask after the first a question about the same
// transfer.

#include "actors/lending/internal/loan_shell.hpp"

namespace pfms {

/// `disburse_loan` with a `from_account_id`: starts the saga, or answers
/// where the disbursement with this transfer id stands (and nudges it).
/// Answers the loan (active, or accepted with the disbursement pending), or
/// `disbursement_refused`, or the core's refusal.
caf::result<loan_snapshot> disburse_through_ledger(actors::internal::loan_self self,
                                                   const entity_env& env,
                                                   const std::string& loan_id, disburse_loan cmd,
                                                   command_context ctx);

/// `resume_disbursement`: asks the ledger again; nothing when no disbursement
/// with this transfer id is under way.
void continue_disbursement(actors::internal::loan_self self, const entity_env& env,
                           const std::string& loan_id, const resume_disbursement& message);

} // namespace pfms
