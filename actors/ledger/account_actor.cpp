#include "actors/ledger/account_actor.hpp"

#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/internal/account_append.hpp"
#include "actors/ledger/transfer_saga.hpp"
#include "actors/runtime/internal/fold_stream.hpp"
#include "actors/runtime/internal/persist.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <algorithm>

namespace pfms {

namespace {

using self_ptr = account_entity::stateful_pointer<account_actor_state>;

// The snapshot to start from, if a usable one exists.
std::optional<account_state> starting_point(const event_store& store, const std::string& stream,
                                            const sealer& seal) {
  auto snapshot = store.read_snapshot(stream);
  if (!snapshot || !*snapshot || (*snapshot)->format_version != account_snapshot_format)
    return std::nullopt;
  auto state = decode_account_snapshot((*snapshot)->state, seal);
  if (!state || state->version != (*snapshot)->version)
    return std::nullopt;
  return *state;
}

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

// Answers transaction `id` as the account holds it after a change.
auto receipt_reply(std::string id) {
  return [id = std::move(id)](const account_state& a, const append_result& placed) {
    return receipt_of(id, a, placed);
  };
}

// The account as it was right after the append that `placed` describes.
result<account_state> state_after(self_ptr self, const entity_env& env,
                                  const std::string& account_id, const append_result& placed) {
  if (placed.last_version == self->state.account.version)
    return self->state.account;
  return recover_account(*env.store, account_id, false, placed.last_version);
}

// The answer to a retry whose first try landed as `placed`: `make_reply` on
// the account as it was then.
template <class Reply, class MakeReply>
auto replay_of(self_ptr self, const entity_env& env, const std::string& account_id,
               MakeReply make_reply) {
  return [=](const append_result& placed) -> result<Reply> {
    auto then = state_after(self, env, account_id, placed);
    if (!then)
      return then.error();
    return make_reply(*then, placed);
  };
}

// Answers a retry whose first try already landed; nothing when the command
// must run.
template <class Reply, class MakeReply>
std::optional<caf::result<Reply>> replayed(self_ptr self, const entity_env& env,
                                           const std::string& account_id,
                                           const command_context& ctx, MakeReply make_reply) {
  return actors::internal::earlier_answer<Reply>(
    env, ctx, replay_of<Reply>(self, env, account_id, make_reply));
}

// Applies `events` once durable, and snapshots when due.
void apply_all(self_ptr self, const entity_env& env, const std::vector<account_event>& events) {
  auto& account = self->state.account;
  for (const auto& e : events)
    account = evolve(std::move(account), e);
  if (account.version % env.snapshot_every == 0)
    ignore_error(env.store->write_snapshot(
      account_stream(account.account_id),
      {account_snapshot_format, account.version,
       encode_account_snapshot(account, self->state.seal)}),
                 "a snapshot only shortens recovery, which replays the log without it");
}

// Persists through the journal; once durable applies, snapshots when due, and
// answers `make_reply(account, placed)` (a concurrent retry: from the first).
template <class Reply, class MakeReply>
caf::result<Reply> persist(self_ptr self, const entity_env& env, const std::string& account_id,
                           std::vector<account_event> events, const command_context& ctx,
                           const char* causation, MakeReply make_reply) {
  auto encode = [seal = self->state.seal](const account_event& e, event_metadata meta) {
    return encode_account_event(e, std::move(meta), seal);
  };
  return actors::internal::persist<Reply>(
    self, env, account_stream(account_id),
    self->state.account.version, std::move(events), ctx, causation, encode,
    [=](const std::vector<account_event>& applied, const append_result& placed) {
      apply_all(self, env, applied);
      return make_reply(self->state.account, placed);
    },
    replay_of<Reply>(self, env, account_id, make_reply));
}

// After any erasure on this store, re-reads the owner's key: an erased
// owner's notes are never sealed again (one read per erasure, not per write).
status recheck_key(self_ptr self, const entity_env& env) {
  auto& st = self->state;
  const auto epoch = env.store->erasure_epoch();
  if (epoch == st.key_epoch || !st.account.opened)
    return done{};
  auto key = env.store->subject_key(st.account.owner_id);
  if (!key)
    return key.error();
  st.seal = account_sealer(st.account.account_id, key->value_or(""));
  st.key_epoch = epoch;
  return done{};
}

// Renames, closings, amendments and voids: decide and persist, answering
// `make_reply(account, placed)`; a change to nothing answers it as it is.
template <class Reply, class Command, class MakeReply>
caf::result<Reply> change(self_ptr self, const entity_env& env, const std::string& account_id,
                          const Command& cmd, const command_context& ctx, const char* causation,
                          MakeReply make_reply) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  if (auto current = recheck_key(self, env); !current)
    return to_caf_error(current.error());
  auto events = decide(st.account, cmd);
  if (!events)
    return to_caf_error(events.error());
  if (events->empty())
    return make_reply(st.account, append_result{});
  if (st.seal.erased())
    return to_caf_error(make_failure(store_errc::subject_erased, "the owner was erased"));
  return persist<Reply>(self, env, account_id, std::move(*events), ctx, causation, make_reply);
}

} // namespace

namespace actors::internal {

account_view view_of(const account_state& a, std::uint64_t position) {
  return {a.account_id,    a.name,       std::string(to_string(a.kind)),
          a.currency,      a.balance_minor, a.credit_limit_minor,
          a.version,       position,     a.closed};
}

void append_account(account_self self, const entity_env& env, std::vector<account_event> events,
                    const command_context& ctx, const char* causation,
                    std::function<void(const append_result&)> done,
                    std::function<void(caf::error)> failed) {
  const auto& account = self->state.account;
  auto encode = [seal = self->state.seal](const account_event& e, event_metadata meta) {
    return encode_account_event(e, std::move(meta), seal);
  };
  auto request = append_of(env, account_stream(account.account_id), account.version, events,
                           ctx, causation, encode);
  append_then(
    self, env, std::move(request),
    [=](const append_result& placed) {
      apply_all(self, env, events);
      done(placed);
    },
    failed);
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
  if (auto start = use_snapshot ? starting_point(store, stream, *seal) : std::nullopt)
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
  return std::ranges::any_of(st.account.transfers_out, [](const auto& entry) {
    return entry.second.status == transfer_status::held;
  });
}

// Opens the account: the owner's key seals its name and notes from the start.
caf::result<account_view> open(self_ptr self, const entity_env& env,
                               const std::string& account_id, const open_account& cmd,
                               const command_context& ctx) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  auto reply = view_reply;
  if (auto earlier = replayed<account_view>(self, env, account_id, ctx, reply))
    return std::move(*earlier);
  auto events = decide(st.account, cmd);
  if (!events)
    return to_caf_error(events.error());
  auto key = env.store->subject_key(cmd.owner_id);
  if (!key || !*key)
    return to_caf_error(key ? make_failure(store_errc::subject_erased, "the owner was erased")
                            : key.error());
  st.seal = account_sealer(account_id, std::move(**key));
  return persist<account_view>(self, env, account_id, std::move(*events), ctx,
                               "open_account", reply);
}

// Records a transaction; a command for an account that does not exist stops
// the actor it started.
caf::result<transaction_receipt> record(self_ptr self, const entity_env& env,
                                        const std::string& account_id,
                                        const record_transaction& cmd,
                                        const command_context& ctx) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  auto reply = receipt_reply(cmd.transaction_id);
  if (auto earlier = replayed<transaction_receipt>(self, env, account_id, ctx, reply))
    return std::move(*earlier);
  auto events = decide(st.account, cmd);
  if (!events) {
    if (!st.account.opened)
      self->quit();
    return to_caf_error(events.error());
  }
  if (auto current = recheck_key(self, env); !current)
    return to_caf_error(current.error());
  if (st.seal.erased())
    return to_caf_error(make_failure(store_errc::subject_erased, "the owner was erased"));
  return persist<transaction_receipt>(self, env, account_id, std::move(*events), ctx,
                                      "record_transaction", reply);
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
  return {
    [self, &env, &account_id](open_account& cmd, command_context& ctx) {
      return open(self, env, account_id, cmd, ctx);
    },
    [self, &env, &account_id](rename_account& cmd, command_context& ctx) {
      return change<account_view>(self, env, account_id, cmd, ctx, "rename_account", view_reply);
    },
    [self, &env, &account_id](amend_transaction& cmd, command_context& ctx) {
      return change<transaction_receipt>(self, env, account_id, cmd, ctx, "amend_transaction",
                                         receipt_reply(cmd.transaction_id));
    },
    [self, &env, &account_id](void_transaction& cmd, command_context& ctx) {
      return change<transaction_receipt>(self, env, account_id, cmd, ctx, "void_transaction",
                                         receipt_reply(cmd.transaction_id));
    },
    [self, &env, &account_id](close_account& cmd, command_context& ctx) {
      return change<account_view>(self, env, account_id, cmd, ctx, "close_account", view_reply);
    },
    [self, &env, &account_id](reconcile_account& cmd, command_context& ctx) {
      return change<reconciliation_receipt>(
        self, env, account_id, cmd, ctx, "reconcile_account",
        [cmd](const account_state& a, const append_result&) {
          auto computed = balance_at(a, cmd.statement_date_us);
          const auto sum = computed ? *computed : 0;
          return reconciliation_receipt{a.account_id, cmd.statement_date_us,
                                        cmd.statement_balance_minor, sum,
                                        sum == cmd.statement_balance_minor, a.locked_until_us,
                                        a.version};
        });
    },
    [self, &env](hold_transfer& cmd, command_context& ctx) {
      return start_transfer(self, env, std::move(cmd), std::move(ctx));
    },
    [self, &env](credit_transfer& cmd, command_context& ctx) {
      return take_credit(self, env, std::move(cmd), std::move(ctx));
    },
    [self](const account_terms_query& q) { return answer_terms(self, q); },
    [self, &env](const resume_transfer& r) { continue_transfer(self, env, r); },
    passivation(
      self, [self] { return transfer_under_way(self->state); }, [] { return time_us{0}; }),
    [self, &env, &account_id](record_transaction& cmd, command_context& ctx) {
      return record(self, env, account_id, cmd, ctx);
    },
  };
}

} // namespace pfms
