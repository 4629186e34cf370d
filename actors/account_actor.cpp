#include "actors/account_actor.hpp"

#include "actors/account_codec.hpp"
#include "events/caf_error.hpp"

namespace pfms {

namespace {

using self_ptr = account_actor::stateful_pointer<account_actor_state>;

void recover(account_actor_state& st, const event_store& store, const std::string& id) {
  const auto stream = account_stream(id);
  for (std::uint64_t next = 1;;) {
    auto batch = store.read(stream, next, event_store::read_count_max);
    if (!batch) {
      st.broken = batch.error();
      return;
    }
    for (const auto& recorded : *batch) {
      auto event = decode_account_event(recorded);
      if (!event) {
        st.broken = event.error();
        return;
      }
      st.account = evolve(std::move(st.account), *event);
    }
    if (batch->size() < event_store::read_count_max)
      return;
    next += batch->size();
  }
}

account_view view_of(const account_state& a, std::uint64_t position) {
  return {a.account_id, a.name, std::string(to_string(a.kind)), a.currency, a.balance_minor,
          a.credit_limit_minor, a.version, position};
}

// Appends the decided events; on success applies them and returns where they landed.
result<append_result> persist(self_ptr self, event_store& store, const id_generator& ids,
                              const std::string& account_id,
                              const std::vector<account_event>& events,
                              const command_context& ctx, std::string_view causation) {
  auto& account = self->state.account;
  std::vector<new_event> batch;
  for (const auto& e : events)
    batch.push_back(encode_account_event(
      e, {ids.next(), ctx.actor, ctx.correlation_id, std::string(causation)}));
  auto placed =
    store.append(account_stream(account_id), expected_version::exactly(account.version), batch);
  if (!placed) {
    self->quit();
    return placed.error();
  }
  for (const auto& e : events)
    account = evolve(std::move(account), e);
  return placed;
}

} // namespace

account_actor::behavior_type account_actor_fn(self_ptr self, event_store* store,
                                              const id_generator* ids, std::string account_id) {
  recover(self->state, *store, account_id);
  return {
    [=](open_account& cmd, command_context& ctx) -> caf::result<account_view> {
      auto& st = self->state;
      if (st.broken)
        return to_caf_error(*st.broken);
      auto events = decide(st.account, cmd);
      if (!events)
        return to_caf_error(events.error());
      auto placed = persist(self, *store, *ids, account_id, *events, ctx, "open_account");
      if (!placed)
        return to_caf_error(placed.error());
      return view_of(st.account, placed->last_position);
    },
    [=](record_transaction& cmd, command_context& ctx) -> caf::result<transaction_receipt> {
      auto& st = self->state;
      if (st.broken)
        return to_caf_error(*st.broken);
      auto events = decide(st.account, cmd);
      if (!events) {
        if (!st.account.opened)
          self->quit();
        return to_caf_error(events.error());
      }
      auto placed = persist(self, *store, *ids, account_id, *events, ctx, "record_transaction");
      if (!placed)
        return to_caf_error(placed.error());
      const auto& a = st.account;
      return transaction_receipt{cmd.transaction_id, a.account_id,     cmd.kind,
                                 cmd.amount_minor,   cmd.currency,     cmd.occurred_at_us,
                                 placed->recorded_at_us, a.balance_minor, a.version,
                                 placed->last_position};
    },
  };
}

} // namespace pfms
