#include "actors/ledger/account_actor.hpp"

#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/core/transfer_rules.hpp"
#include "actors/ledger/internal/account_shell.hpp"
#include "actors/ledger/transfer_saga.hpp"
#include "actors/runtime/internal/fold_stream.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <algorithm>
#include <type_traits>

namespace pfms {

namespace {

using self_ptr = account_entity::stateful_pointer<account_actor_state>;

using actors::internal::view_of;

account_view view_reply(const account_state& a, const append_result& placed) {
  return view_of(a, placed.last_position);
}

// Transaction `id` as the account now holds it, with the balance after.
transaction_receipt receipt_of(const std::string& id, const account_state& a,
                               const append_result& placed) {
  const auto& entry = a.transactions.at(id);
  const auto& t = entry.content;
  return {t.transaction_id, a.account_id,     std::string(to_string(t.kind)),
          t.amount_minor,   t.currency,       t.occurred_at_us,
          placed.recorded_at_us, a.balance_minor, a.version,
          placed.last_position, t.payee,      t.tags,
          t.splits,         entry.voided,     t.category,
          t.note};
}

// Answers transaction `id` as the account holds it after a change; after a
// command that changed nothing, with the record time and position of the
// event that last changed it, read from the log.
auto receipt_reply(std::string id, const event_store& store) {
  return [id = std::move(id), &store](const account_state& a,
                                      const append_result& placed) -> result<transaction_receipt> {
    if (placed.last_position != 0)
      return receipt_of(id, a, placed);
    const auto version = a.transactions.at(id).version;
    auto last = store.read(account_stream(a.account_id), version, 1);
    if (!last)
      return last.error();
    if (last->size() != 1)
      return make_failure(store_errc::corrupt, "account " + a.account_id + " version "
                                                 + std::to_string(version) + " is missing");
    append_result at;
    at.recorded_at_us = last->front().recorded_at_us;
    at.last_position = last->front().position;
    return receipt_of(id, a, at);
  };
}

// After any erasure on this store, re-reads the owner's key: an erased
// owner's notes are never sealed again (one read per erasure, not per write).
status recheck_key(account_actor_state& st) {
  const auto epoch = st.env.store->erasure_epoch();
  if (epoch == st.key_epoch || !st.account.opened)
    return done{};
  auto key = st.env.store->subject_key(st.account.owner_id);
  if (!key)
    return key.error();
  st.seal = account_sealer(st.account.account_id, key->value_or(""));
  st.key_epoch = epoch;
  return done{};
}

// The statement check of `cmd` against the account as it stands.
auto reconciliation_reply(const reconcile_account& cmd) {
  return [cmd](const account_state& a, const append_result&) {
    auto computed = balance_at(a, cmd.statement_date_us);
    const auto sum = computed ? *computed : 0;
    return reconciliation_receipt{a.account_id, cmd.statement_date_us,
                                  cmd.statement_balance_minor, sum,
                                  sum == cmd.statement_balance_minor, a.locked_until_us,
                                  a.version};
  };
}

// How a command's reply is made, by the reply it names.
template <class Command>
auto reply_of(const Command& cmd, const event_store& store) {
  using reply = typename Command::reply;
  if constexpr (std::is_same_v<reply, transaction_receipt>) {
    return receipt_reply(cmd.transaction_id, store);
  } else if constexpr (std::is_same_v<reply, reconciliation_receipt>) {
    return reconciliation_reply(cmd);
  } else if constexpr (std::is_same_v<reply, transfer_view>) {
    return [id = cmd.transfer_id](const account_state& a, const append_result&) {
      return transfer_view_of(a, id);
    };
  } else {
    static_assert(std::is_same_v<reply, account_view>);
    return view_reply;
  }
}

// Runs a command and answers its reply.
template <class Command>
caf::result<typename Command::reply> run(self_ptr self, const Command& cmd,
                                         const command_context& ctx, const char* causation) {
  return runtime::run_command<actors::internal::account_shell, typename Command::reply>(
    self, cmd, ctx, causation, reply_of(cmd, *self->state.env.store));
}

} // namespace

namespace actors::internal {

account_view view_of(const account_state& a, std::uint64_t position) {
  return {a.account_id,    a.name,       std::string(to_string(a.kind)),
          a.currency,      a.balance_minor, a.credit_limit_minor,
          a.version,       position,     a.closed};
}

result<account_state> account_shell::recover_at(const state& st, std::uint64_t last_version) {
  if (last_version == st.account.version)
    return st.account;
  return recover_account(*st.env.store, st.id, false, last_version);
}

status account_shell::prepare(state& st, const std::vector<account_event>& events) {
  if (const auto* opened = std::get_if<account_opened>(&events.front())) {
    auto key = st.env.store->subject_key(opened->owner_id);
    if (!key)
      return key.error();
    if (!*key)
      return make_failure(store_errc::subject_erased, "the owner was erased");
    st.seal = account_sealer(st.id, std::move(**key));
    return done{};
  }
  if (auto current = recheck_key(st); !current)
    return current;
  if (st.seal.erased())
    return make_failure(store_errc::subject_erased, "the owner was erased");
  return done{};
}

} // namespace actors::internal

result<account_state> account_as_of(const event_store& store, const std::string& account_id,
                                    time_us as_of) {
  auto seal = account_sealer_of(store, account_id);
  if (!seal)
    return seal.error();
  account_event_decoder decoder;
  return actors::internal::fold_stream(
    store, account_stream(account_id), account_state{},
    [&](const recorded_event& recorded) { return decoder.decode(recorded, *seal); }, UINT64_MAX,
    as_of);
}

result<account_state> recover_account(const event_store& store, const std::string& account_id,
                                      bool use_snapshot, std::uint64_t last_version) {
  auto seal = account_sealer_of(store, account_id);
  if (!seal)
    return seal.error();
  const auto stream = account_stream(account_id);
  account_state state;
  if (use_snapshot && !seal->key.empty())
    if (auto start = runtime::read_snapshot_under<account_state>(
          store, stream, seal->key, actors::internal::account_shell::snapshot_salt))
      state = std::move(*start);
  account_event_decoder decoder;
  return actors::internal::fold_stream(
    store, stream, std::move(state),
    [&](const recorded_event& recorded) { return decoder.decode(recorded, *seal); },
    last_version);
}

namespace {

// Whether a transfer this account started is still under way: its retries
// are the actor's own timers, which a passivation would drop.
bool transfer_under_way(const account_actor_state& st) {
  if (!st.crediting.empty() || st.asking != 0)
    return true;
  return actors::internal::account_shell::wake_at(st.account) != 0;
}

} // namespace

account_entity::behavior_type account_actor_fn(self_ptr self, entity_env given_env,
                                              std::string given_id) {
  self->state.adopt(std::move(given_env), std::move(given_id));
  const entity_env& env = self->state.env;
  const std::string& account_id = self->state.id;
  self->state.key_epoch = env.store->erasure_epoch();
  auto seal = account_sealer_of(*env.store, account_id);
  auto recovered = seal ? recover_account(*env.store, account_id) : seal.error();
  if (recovered) {
    self->state.seal = std::move(*seal);
    self->state.account = std::move(*recovered);
  } else {
    self->state.broken = recovered.error();
  }
  return runtime::entity_behavior<account_entity::behavior_type>(
    account_commands{},
    [self](const auto& cmd, const command_context& ctx, const char* name) {
      return run(self, cmd, ctx, name);
    },
    [self, &env](hold_transfer& cmd, command_context& ctx) {
      return start_transfer(self, env, std::move(cmd), std::move(ctx));
    },
    [self](credit_transfer& cmd, command_context& ctx) {
      return take_credit(self, std::move(cmd), std::move(ctx));
    },
    [self](const account_terms_query& q) { return answer_terms(self, q); },
    [self, &env](const resume_transfer& r) { continue_transfer(self, env, r); },
    passivation(self, [self] { return transfer_under_way(self->state); }));
}

} // namespace pfms
