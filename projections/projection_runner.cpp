#include "projections/projection_runner.hpp"

#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

namespace pfms {

namespace {

using self_ptr = projection_actor::stateful_pointer<projection_runner_state>;

void answer(projection_runner_state& st, pending_query& q) {
  auto row = st.projection->find(q.account_id);
  if (!row)
    q.promise.deliver(to_caf_error(row.error()));
  else if (!*row)
    q.promise.deliver(to_caf_error(make_failure(store_errc::not_found, "no such account")));
  else if (auto answered = st.projection->opened(std::move(**row)); !answered)
    q.promise.deliver(to_caf_error(answered.error()));
  else
    q.promise.deliver(std::move(*answered));
}

void catch_up(self_ptr self, std::atomic<bool>* wake_pending) {
  auto& st = self->state;
  wake_pending->store(false);
  if (!st.broken)
    if (auto reached = st.projection->catch_up(); !reached)
      st.broken = reached.error();
  auto ready = [&](const pending_query& q) {
    return st.broken || q.position <= st.projection->checkpoint();
  };
  std::vector<pending_query> waiting;
  for (auto& q : st.pending) {
    if (!ready(q))
      waiting.push_back(std::move(q));
    else if (st.broken)
      q.promise.deliver(to_caf_error(*st.broken));
    else
      answer(st, q);
  }
  st.pending = std::move(waiting);
}

} // namespace

projection_actor::behavior_type projection_runner_fn(self_ptr self, event_store* store,
                                                     std::atomic<bool>* wake_pending) {
  if (auto opened = account_balance_projection::open(*store); opened)
    self->state.projection.emplace(std::move(*opened));
  else
    self->state.broken = opened.error();
  self->send(self, catch_up_atom::value);
  return {
    [=](catch_up_atom) { catch_up(self, wake_pending); },
    [=](rebuild_atom) -> caf::result<std::uint64_t> {
      auto& st = self->state;
      if (auto reset = store->reset_read_model(account_balance_projection::name,
                                               account_balance_projection::family);
          !reset)
        return to_caf_error(reset.error());
      auto reopened = account_balance_projection::open(*store);
      if (!reopened)
        return to_caf_error(reopened.error());
      st.projection.emplace(std::move(*reopened));
      st.broken.reset();
      // Waiting reads are answered as the rebuilt projection reaches them.
      catch_up(self, wake_pending);
      if (st.broken)
        return to_caf_error(*st.broken);
      return st.projection->checkpoint();
    },
    [=](balance_query& q) -> caf::result<balance_row> {
      auto& st = self->state;
      if (st.broken)
        return to_caf_error(*st.broken);
      if (st.pending.size() >= projection_runner_state::pending_max)
        return to_caf_error(make_failure(runtime_errc::unavailable, "too many reads are waiting"));
      auto promise = self->make_response_promise<balance_row>();
      st.pending.push_back({store->head_position(), std::move(q.account_id), promise});
      // Already caught up: answer without reading the log again.
      if (st.pending.back().position <= st.projection->checkpoint()) {
        answer(st, st.pending.back());
        st.pending.pop_back();
      } else {
        catch_up(self, wake_pending);
      }
      return promise;
    },
  };
}

void wake_on_commit(event_store& store, projection_actor runner,
                    std::atomic<bool>& wake_pending) {
  store.set_commit_listener([runner, &wake_pending](std::uint64_t) {
    if (!wake_pending.exchange(true))
      caf::anon_send(runner, catch_up_atom::value);
  });
}

void register_projection_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<balance_query>("pfms.balance_query");
  cfg.add_message_type<balance_row>("pfms.balance_row");
}

} // namespace pfms
