#include "actors/ledger/transfer_saga.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "actors/ledger/core/transfer_rules.hpp"
#include "actors/runtime/internal/failpoint.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/typed_response_promise.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

namespace pfms {

namespace {

using actors::internal::account_self;
using actors::internal::account_shell;
using promise_type = caf::typed_response_promise<transfer_view>;
using maybe_promise = std::optional<promise_type>;

using actors::internal::failpoint;

// The answer to a caller about transfer `id`: the view, or for a released
// transfer the refusal that released it.
void answer(maybe_promise& promise, const account_state& a, const std::string& id) {
  if (!promise)
    return;
  auto view = transfer_view_of(a, id);
  if (view.status == "released")
    promise->deliver(to_caf_error(make_failure(
      account_errc::transfer_released,
      "the destination refused (" + view.reason + "); the amount is back on the source")));
  else
    promise->deliver(std::move(view));
  promise.reset();
}

// Settles or releases, then answers.
template <class Step>
void finish(account_self self, Step step, maybe_promise promise) {
  auto events = decide(self->state.account, step);
  if (!events) {
    if (promise)
      promise->deliver(to_caf_error(events.error()));
    return;
  }
  const auto id = step.transfer_id;
  if (events->empty())
    return answer(promise, self->state.account, id);
  // The saga acts for the accounts' owner: events name them, correlated by transfer.
  runtime::append_events<account_shell>(
    self, std::move(*events), {self->state.account.owner_id, id}, "transfer_saga",
    runtime::append_key::none,
    [=](const append_result&) mutable { answer(promise, self->state.account, id); },
    [=](caf::error error) mutable {
      if (promise)
        promise->deliver(std::move(error));
    });
}

// After a transient failure: the caller hears "pending", the saga tries again later.
void retry_later(account_self self, const std::string& id, std::uint32_t attempt,
                 maybe_promise promise) {
  answer(promise, self->state.account, id);
  if (attempt + 1 < transfer_limits::attempts_max)
    self->delayed_send(self, transfer_backoff(attempt),
                       resume_transfer{self->state.account.account_id, id, attempt + 1});
}

// Asks the destination to credit held transfer `id`, at most one ask at a time.
void send_credit(account_self self, const entity_env& env, const std::string& id,
                 std::uint32_t attempt, maybe_promise promise) {
  auto& st = self->state;
  if (!st.crediting.insert(id).second)
    return answer(promise, st.account, id);
  const auto& hold = st.account.transfers_out.at(id).hold;
  credit_transfer credit{hold.to_account_id,
                         id,
                         st.account.account_id,
                         hold.to_amount_minor,
                         hold.to_currency,
                         hold.amount_minor,
                         st.account.currency,
                         hold.to_owner_id.empty() ? st.account.owner_id : hold.to_owner_id,
                         hold.occurred_at_us};
  self->request(env.accounts, transfer_limits::credit_timeout, std::move(credit),
                command_context{st.account.owner_id, id})
    .then(
      [=](account_view&) mutable {
        self->state.crediting.erase(id);
        failpoint(env, "transfer_after_credit");
        finish(self, settle_transfer{id}, std::move(promise));
      },
      [=](caf::error& error) mutable {
        self->state.crediting.erase(id);
        auto refusal = from_caf_error(error);
        if (is_final_refusal(refusal))
          finish(self, release_transfer{id, refusal_code(refusal)}, std::move(promise));
        else
          retry_later(self, id, attempt, std::move(promise));
      });
}

// The hold, once the destination's terms are known.
void hold(account_self self, const entity_env& env, hold_transfer cmd, command_context ctx,
          promise_type promise) {
  // A new transfer happens now; a retry keeps the instant its hold has.
  if (cmd.occurred_at_us == 0 && !self->state.account.transfers_out.contains(cmd.transfer_id))
    cmd.occurred_at_us = env.time->now_us();
  auto events = decide(self->state.account, cmd);
  if (!events) {
    promise.deliver(to_caf_error(events.error()));
    return;
  }
  const auto id = cmd.transfer_id;
  if (events->empty()) { // a concurrent start of the same transfer held it first
    promise.deliver(transfer_view_of(self->state.account, id));
    return;
  }
  // The hold carries no idempotency key: the transfer id is what makes it once.
  ctx.idempotency_key.clear();
  runtime::append_events<account_shell>(
    self, std::move(*events), ctx, "transfer", runtime::append_key::none,
    [=](const append_result&) {
      failpoint(env, "transfer_after_hold");
      send_credit(self, env, id, 0, promise);
    },
    [=](caf::error error) mutable { promise.deliver(std::move(error)); });
}

} // namespace

std::chrono::milliseconds transfer_backoff(std::uint32_t attempt) {
  auto delay = transfer_limits::backoff_first * (1u << std::min(attempt, 16u));
  return std::min<std::chrono::milliseconds>(delay, transfer_limits::backoff_max);
}

transfer_view transfer_view_of(const account_state& a, const std::string& transfer_id) {
  const auto& out = a.transfers_out.at(transfer_id);
  const char* status = out.status == transfer_status::held      ? "pending"
                       : out.status == transfer_status::settled ? "completed"
                                                                : "released";
  return {transfer_id,          a.account_id,  out.hold.to_account_id, out.hold.amount_minor,
          a.currency,           out.hold.to_amount_minor, out.hold.to_currency, status,
          out.reason,           a.version};
}

caf::result<transfer_view> start_transfer(account_self self, const entity_env& env,
                                          hold_transfer cmd, command_context ctx) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  if (!st.account.opened || st.account.owner_id != cmd.caller_id) {
    if (!st.account.opened)
      self->quit();
    return to_caf_error(make_failure(account_errc::account_not_found, "no such account"));
  }
  maybe_promise promise = self->make_response_promise<transfer_view>();
  const auto result_promise = *promise; // what the handler returns; answered through `promise`
  if (st.account.transfers_out.contains(cmd.transfer_id)) {
    // A retry: the same transfer answers where it stands; another is refused.
    // The promise owns the answer now: even a refusal goes through it.
    auto events = decide(st.account, cmd);
    if (!events)
      promise->deliver(to_caf_error(events.error()));
    else if (st.account.transfers_out.at(cmd.transfer_id).status == transfer_status::held)
      send_credit(self, env, cmd.transfer_id, 0, promise);
    else
      answer(promise, st.account, cmd.transfer_id);
    return result_promise;
  }
  ++st.asking;
  self->request(env.accounts, transfer_limits::terms_timeout,
                account_terms_query{cmd.to_account_id,
                                    cmd.to_owner_id.empty() ? cmd.caller_id : cmd.to_owner_id})
    .then(
      [=](account_view& destination) mutable {
        --self->state.asking;
        if (destination.closed) {
          promise->deliver(to_caf_error(
            make_failure(account_errc::account_closed, "the destination account is closed")));
          return;
        }
        cmd.to_currency = destination.currency;
        hold(self, env, std::move(cmd), std::move(ctx), *promise);
      },
      [=](caf::error& error) mutable {
        --self->state.asking;
        promise->deliver(std::move(error));
      });
  return result_promise;
}

namespace {

bool held(const std::pair<const std::string, outgoing_transfer>& entry) {
  return entry.second.status == transfer_status::held;
}

// The account's durable timer fell due: every held transfer asks its
// destination again (those already asking wait), then the timer settles.
void carry_on(account_self self, const entity_env& env) {
  if (self->state.broken)
    return;
  for (const auto& entry : self->state.account.transfers_out)
    if (held(entry))
      send_credit(self, env, entry.first, 0, std::nullopt);
  runtime::settle_timer<account_shell>(self->state);
}

} // namespace

namespace actors::internal {

time_us account_shell::wake_at(const account_state& a) {
  return std::ranges::any_of(a.transfers_out, held) ? runtime::at_once : 0;
}

std::optional<time_us> account_shell::wake_after(const account_state& a,
                                                 const std::vector<account_event>& events) {
  std::vector<std::string_view> ended;
  for (const auto& e : events) {
    if (std::holds_alternative<transfer_held>(e))
      return runtime::at_once;
    if (const auto* settled = std::get_if<transfer_settled>(&e))
      ended.push_back(settled->transfer_id);
    else if (const auto* released = std::get_if<transfer_released>(&e))
      ended.push_back(released->transfer_id);
  }
  if (ended.empty())
    return std::nullopt;
  const bool more = std::ranges::any_of(a.transfers_out, [&](const auto& entry) {
    return held(entry) && std::ranges::find(ended, entry.first) == ended.end();
  });
  return more ? runtime::at_once : 0;
}

} // namespace actors::internal

void continue_transfer(account_self self, const entity_env& env, const resume_transfer& message) {
  if (message.transfer_id.empty())
    return carry_on(self, env);
  const auto& out = self->state.account.transfers_out;
  auto it = out.find(message.transfer_id);
  if (self->state.broken || it == out.end() || it->second.status != transfer_status::held)
    return;
  send_credit(self, env, message.transfer_id, message.attempt, std::nullopt);
}

caf::result<account_view> take_credit(account_self self, credit_transfer cmd,
                                      command_context ctx) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  auto events = decide(st.account, cmd);
  if (!events) {
    if (!st.account.opened)
      self->quit();
    return to_caf_error(events.error());
  }
  if (events->empty())
    return actors::internal::view_of(st.account, 0);
  auto promise = self->make_response_promise<account_view>();
  runtime::append_events<account_shell>(
    self, std::move(*events), ctx, "transfer_credit", runtime::append_key::none,
    [=](const append_result& placed) mutable {
      promise.deliver(actors::internal::view_of(self->state.account, placed.last_position));
    },
    [=](caf::error error) mutable { promise.deliver(std::move(error)); });
  return promise;
}

caf::result<account_view> answer_terms(account_self self, const account_terms_query& query) {
  const auto& a = self->state.account;
  if (self->state.broken)
    return to_caf_error(*self->state.broken);
  if (!a.opened || a.owner_id != query.caller_id) {
    if (!a.opened)
      self->quit();
    return to_caf_error(make_failure(account_errc::account_not_found, "no such account"));
  }
  return actors::internal::view_of(a, 0);
}

} // namespace pfms
