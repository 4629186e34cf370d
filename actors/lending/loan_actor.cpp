#include "actors/lending/loan_actor.hpp"

#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/core/loan_position.hpp"
#include "actors/lending/internal/loan_shell.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/lending/loan_disbursement.hpp"
#include "actors/runtime/internal/fold_stream.hpp"
#include "events/caf_error.hpp"

#include <algorithm>

namespace pfms {

namespace {

using self_ptr = actors::internal::loan_self;
using actors::internal::loan_snapshot_of;
constexpr std::int64_t day_us = 86'400'000'000;

civil_date today_of(const entity_env& env) {
  return civil_day_of(env.time->now_us());
}

// Arms the due-date timer unless it is armed or there is nothing to wait for.
void arm(self_ptr self, const entity_env& env, const std::string& loan_id) {
  auto& st = self->state;
  const auto day = next_fee_day(st.loan);
  if (st.timer_armed || st.broken || !day)
    return;
  const auto wait_us = std::max<std::int64_t>(days_from_civil(*day) * day_us - env.time->now_us(), 0);
  const auto wait = std::min<std::chrono::milliseconds>(std::chrono::milliseconds(wait_us / 1000),
                                                        env.loan_tick_max);
  st.timer_armed = true;
  self->delayed_send(self, wait, charge_late_fees{loan_id, {}});
}

// Whether a disbursement through the ledger is under way: its retries are the
// actor's own timers, which a passivation would drop.
bool disbursement_under_way(const loan_actor_state& st) {
  return st.asking_ledger || !st.loan.disbursing.transfer_id.empty();
}

// Charges what is due by today; whether there was any (nothing, if the clock
// has not got there). The append's evolve re-arms the timer.
bool charge_due(self_ptr self, const entity_env& env, const std::string& loan_id) {
  auto& st = self->state;
  actors::internal::loan_shell::refresh(st);
  if (st.broken)
    return false;
  auto events = decide(st.loan, charge_late_fees{loan_id, today_of(env)});
  if (!events || events->empty())
    return false;
  runtime::append_events<actors::internal::loan_shell>(
    self, std::move(*events), {"system", env.ids->next()}, "due_date_timer",
    runtime::append_key::none,
    [](const append_result&) {}, [](caf::error) {}); // the next wake recovers from the log
  return true;
}

// The actor's own timer fired.
void tick(self_ptr self, const entity_env& env, const std::string& loan_id) {
  self->state.timer_armed = false;
  if (!charge_due(self, env, loan_id))
    arm(self, env, loan_id);
}

// The directory found the loan's durable timer due: charge, or settle a
// timer that the loan's rule no longer gives; the actor's own timer runs on.
void wake(self_ptr self, const entity_env& env, const std::string& loan_id) {
  if (charge_due(self, env, loan_id))
    return;
  runtime::settle_timer<actors::internal::loan_shell>(self->state);
  arm(self, env, loan_id);
}

// Answers a command with the loan's snapshot.
template <class Command>
caf::result<loan_snapshot> handle(self_ptr self, const Command& cmd, const command_context& ctx,
                                  const char* causation) {
  return runtime::run_command<actors::internal::loan_shell, loan_snapshot>(
    self, cmd, ctx, causation, [self](loan_state& loan, const append_result&) {
      return loan_snapshot_of(self->state.env, loan);
    });
}

} // namespace

namespace actors::internal {

loan_snapshot loan_snapshot_of(const entity_env& env, loan_state& s) {
  std::vector<loan_repayment> history;
  history.swap(s.repayments); // not copied: the answer leaves it out
  loan_snapshot out{s, today_of(env)};
  s.repayments.swap(history);
  return out;
}



time_us loan_shell::wake_at(const loan_state& loan) {
  if (!loan.disbursing.transfer_id.empty())
    return runtime::at_once; // a disbursement a crash may interrupt: the node's start resumes it
  const auto day = next_fee_day(loan);
  return day ? days_from_civil(*day) * day_us : 0;
}

std::optional<time_us> loan_shell::wake_after(const loan_state& loan,
                                              const std::vector<loan_event>& events) {
  if (std::ranges::all_of(events, [](const loan_event& e) {
        return std::holds_alternative<repayment_recorded>(e);
      }))
    return std::nullopt;
  auto next = loan;
  for (const auto& e : events)
    next = evolve(std::move(next), e);
  return wake_at(next);
}

void loan_shell::applied(loan_self self) {
  arm(self, self->state.env, self->state.id);
}

} // namespace actors::internal

result<loan_state> recover_loan(const event_store& store, writer_keys& keys,
                                const std::string& loan_id, std::uint64_t last_version,
                                loan_state start) {
  return actors::internal::fold_stream(
    store, loan_stream(loan_id), std::move(start),
    [&keys](const recorded_event& e) { return decode_loan_event(e, keys); }, last_version);
}

loan_entity::behavior_type loan_actor_fn(self_ptr self, entity_env given_env,
                                         std::string given_id) {
  self->state.adopt(std::move(given_env), std::move(given_id));
  const entity_env& env = self->state.env;
  const std::string& loan_id = self->state.id;
  actors::internal::loan_shell::refresh(self->state);
  runtime::settle_timer<actors::internal::loan_shell>(self->state);
  arm(self, env, loan_id);
  if (!self->state.loan.disbursing.transfer_id.empty()) // a disbursement a crash interrupted
    self->send(self, resume_disbursement{self->state.loan.disbursing.transfer_id, 0});
  return runtime::entity_behavior<loan_entity::behavior_type>(
    loan_commands{},
    [self](const auto& command, const command_context& ctx, const char* name) {
      return handle(self, command, ctx, name);
    },
    [self, &env, &loan_id](disburse_loan& c, command_context& ctx) -> caf::result<loan_snapshot> {
      if (!c.from_account_id.empty())
        return disburse_through_ledger(self, env, loan_id, std::move(c), std::move(ctx));
      return handle(self, c, ctx, "disburse_loan");
    },
    [self, &env](loan_query& q) -> caf::result<loan_snapshot> {
      actors::internal::loan_shell::refresh(self->state);
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (!is_party(self->state.loan, q.caller_id))
        return to_caf_error(actors::internal::loan_shell::not_found());
      return loan_snapshot_of(env, self->state.loan);
    },
    [self, &env, &loan_id](wake_loan&) { wake(self, env, loan_id); },
    [self, &env, &loan_id](resume_disbursement& m) {
      continue_disbursement(self, env, loan_id, m);
    },
    [self, &env, &loan_id](charge_late_fees&) { tick(self, env, loan_id); },
    passivation(self, [self] { return disbursement_under_way(self->state); }));
}

} // namespace pfms
