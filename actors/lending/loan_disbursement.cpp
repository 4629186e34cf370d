#include "actors/lending/loan_disbursement.hpp"

#include "actors/ledger/core/transfer_rules.hpp"
#include "actors/ledger/transfer_saga.hpp"
#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/core/loan_position.hpp"
#include "actors/runtime/internal/failpoint.hpp"
#include "events/caf_error.hpp"

#include <caf/typed_response_promise.hpp>

#include <optional>

namespace pfms {

namespace {

using actors::internal::loan_shell;
using actors::internal::loan_self;
using actors::internal::loan_snapshot_of;
using maybe_promise = std::optional<caf::typed_response_promise<loan_snapshot>>;

/// A hold answers within the transfer saga's two steps, with a margin.
constexpr auto hold_timeout =
  transfer_limits::terms_timeout + transfer_limits::credit_timeout + std::chrono::milliseconds{500};

using actors::internal::failpoint;

// The caller hears where the disbursement by `transfer_id` stands.
void answer(maybe_promise& promise, const entity_env& env, loan_state& s,
            const std::string& transfer_id) {
  if (!promise)
    return;
  if (!transfer_id.empty() && s.last_failure.transfer_id == transfer_id)
    promise->deliver(to_caf_error(disbursement_refusal(s.last_failure.reason)));
  else
    promise->deliver(loan_snapshot_of(env, s));
  promise.reset();
}

// Settles or fails the disbursement, then answers.
template <class Step>
void finish(loan_self self, const entity_env& env, Step step, maybe_promise promise) {
  auto events = decide(self->state.loan, step);
  const auto id = step.transfer_id;
  if (!events || events->empty())
    return answer(promise, env, self->state.loan, id);
  runtime::append_events<loan_shell>(
    self, std::move(*events), {"system", id}, "disbursement_saga",
    runtime::append_key::none,
    [=](const append_result&) mutable { answer(promise, env, self->state.loan, id); },
    [=](caf::error error) mutable {
      if (promise)
        promise->deliver(std::move(error));
    });
}

void ask_ledger(loan_self self, const entity_env& env, const std::string& loan_id,
                std::uint32_t attempt, maybe_promise promise);

// No answer yet: the caller hears "pending", the saga asks again later.
void retry_later(loan_self self, const entity_env& env, const std::string& id,
                 std::uint32_t attempt, maybe_promise promise) {
  answer(promise, env, self->state.loan, id);
  if (attempt + 1 < transfer_limits::attempts_max)
    self->delayed_send(self, transfer_backoff(attempt), resume_disbursement{id, attempt + 1});
}

// Asks the lender's account to hold (or tell where it stands) the transfer
// of the disbursement under way, at most one ask at a time.
void ask_ledger(loan_self self, const entity_env& env, const std::string& loan_id,
                std::uint32_t attempt, maybe_promise promise) {
  auto& st = self->state;
  const auto d = st.loan.disbursing;
  if (d.transfer_id.empty() || st.asking_ledger)
    return answer(promise, env, st.loan, d.transfer_id);
  st.asking_ledger = true;
  const auto& o = st.loan.offer;
  hold_transfer hold{d.from_account_id, d.transfer_id, d.to_account_id, o.principal_minor,
                     o.currency,        {},            0,               d.by,
                     o.borrower.user_id};
  self->request(env.accounts, hold_timeout, std::move(hold), command_context{d.by, d.transfer_id})
    .then(
      [=](transfer_view& transfer) mutable {
        self->state.asking_ledger = false;
        if (transfer.status != "completed")
          return retry_later(self, env, d.transfer_id, attempt, std::move(promise));
        failpoint(env, "loan_after_transfer");
        finish(self, env, settle_disbursement{loan_id, d.transfer_id}, std::move(promise));
      },
      [=](caf::error& error) mutable {
        self->state.asking_ledger = false;
        auto refusal = from_caf_error(error);
        if (!is_final_refusal(refusal))
          return retry_later(self, env, d.transfer_id, attempt, std::move(promise));
        finish(self, env, fail_disbursement{loan_id, d.transfer_id, refusal_code(refusal)},
               std::move(promise));
      });
}

} // namespace

caf::result<loan_snapshot> disburse_through_ledger(loan_self self, const entity_env& env,
                                                   const std::string& loan_id, disburse_loan cmd,
                                                   command_context ctx) {
  auto& st = self->state;
  loan_shell::refresh(st);
  if (st.broken)
    return to_caf_error(*st.broken);
  auto events = runtime::decide_if_match<loan_shell>(st, cmd, ctx);
  if (!events) {
    if (!st.loan.originated)
      self->quit();
    return to_caf_error(events.error());
  }
  maybe_promise promise = self->make_response_promise<loan_snapshot>();
  const auto result_promise = *promise; // what the handler returns; answered through `promise`
  if (events->empty()) { // asked again: where it stands, nudged if under way
    if (st.loan.disbursing.transfer_id == cmd.transfer_id)
      ask_ledger(self, env, loan_id, 0, promise);
    else
      answer(promise, env, st.loan, cmd.transfer_id);
    return result_promise;
  }
  ctx.idempotency_key.clear(); // the transfer id is what makes it once
  runtime::append_events<loan_shell>(
    self, std::move(*events), ctx, "disburse_loan", runtime::append_key::none,
    [=](const append_result&) mutable {
      failpoint(env, "loan_after_disbursement_request");
      ask_ledger(self, env, loan_id, 0, promise);
    },
    [=](caf::error error) mutable { promise->deliver(std::move(error)); });
  return result_promise;
}

void continue_disbursement(loan_self self, const entity_env& env, const std::string& loan_id,
                           const resume_disbursement& message) {
  const auto& st = self->state;
  if (st.broken || st.loan.disbursing.transfer_id != message.transfer_id)
    return;
  ask_ledger(self, env, loan_id, message.attempt, std::nullopt);
}

} // namespace pfms
