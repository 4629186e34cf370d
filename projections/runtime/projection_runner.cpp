#include "projections/runtime/projection_runner.hpp"

#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

namespace pfms {

namespace {

using self_ptr = projection_actor::stateful_pointer<projection_runner_state>;

// The query for one account's row.
pending_query balance_read(const std::string& account_id,
                           caf::typed_response_promise<balance_row> promise) {
  return {0,
          [account_id, promise](const account_balance_projection& p) mutable {
            auto row = p.find(account_id);
            if (!row)
              promise.deliver(to_caf_error(row.error()));
            else if (!*row)
              promise.deliver(to_caf_error(make_failure(store_errc::not_found, "no such account")));
            else if (auto answered = p.opened(std::move(**row)); !answered)
              promise.deliver(to_caf_error(answered.error()));
            else
              promise.deliver(std::move(*answered));
          },
          [promise](const failure& f) mutable { promise.deliver(to_caf_error(f)); }};
}

// A page of an owner's accounts: one more row than asked tells whether more follow.
result<account_page> read_page(const event_store& store, const account_balance_projection& p,
                               const accounts_query& q) {
  auto rows = balance_rows_owned_by(store, q.owner_id, q.after, std::size_t{q.limit} + 1);
  if (!rows)
    return rows.error();
  account_page page;
  page.more = rows->size() > q.limit;
  for (auto& row : *rows) {
    if (page.rows.size() == q.limit)
      break;
    auto answered = p.opened(std::move(row));
    if (!answered)
      return answered.error();
    page.rows.push_back(std::move(*answered));
  }
  return page;
}

// The query for a page of an owner's accounts.
pending_query page_read(event_store* store, accounts_query q,
                        caf::typed_response_promise<account_page> promise) {
  return {0,
          [store, q, promise](const account_balance_projection& p) mutable {
            auto page = read_page(*store, p, q);
            if (page)
              promise.deliver(std::move(*page));
            else
              promise.deliver(to_caf_error(page.error()));
          },
          [promise](const failure& f) mutable { promise.deliver(to_caf_error(f)); }};
}

// A query answered by `read(store) -> result<T>` once the projection is current.
template <class T, class Read>
pending_query read_when_current(event_store* store, Read read,
                                caf::typed_response_promise<T> promise) {
  return {0,
          [store, read, promise](const account_balance_projection&) mutable {
            result<T> answer = read(*store);
            if (answer)
              promise.deliver(std::move(*answer));
            else
              promise.deliver(to_caf_error(answer.error()));
          },
          [promise](const failure& f) mutable { promise.deliver(to_caf_error(f)); }};
}

result<transfer_row> transfer_read(const event_store& store, const std::string& id) {
  auto row = find_transfer(store, account_balance_projection::family, id);
  if (!row)
    return row.error();
  if (!*row)
    return make_failure(store_errc::not_found, "no such transfer");
  return std::move(**row);
}

result<net_worth> net_worth_read(const event_store& store, const net_worth_query& q) {
  auto accounts = balance_rows_owned_by(store, q.owner_id);
  if (!accounts)
    return accounts.error();
  auto rates = rates_of(store, account_balance_projection::family, q.owner_id);
  if (!rates)
    return rates.error();
  return compute_net_worth(*accounts, *rates, q.base_currency);
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
      q.fail(*st.broken);
    else
      q.answer(*st.projection);
  }
  st.pending = std::move(waiting);
}

// Answers `q` once the projection has every event committed before now.
void when_current(self_ptr self, event_store* store, std::atomic<bool>* wake_pending,
                  pending_query q) {
  auto& st = self->state;
  q.position = store->head_position();
  if (q.position <= st.projection->checkpoint())
    return q.answer(*st.projection); // already caught up: no log read
  st.pending.push_back(std::move(q));
  catch_up(self, wake_pending);
}

// Why a read cannot wait now, if it cannot.
std::optional<failure> refusal(const projection_runner_state& st) {
  if (st.broken)
    return *st.broken;
  if (st.pending.size() >= projection_runner_state::pending_max)
    return make_failure(runtime_errc::unavailable, "too many reads are waiting");
  return std::nullopt;
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
      if (auto refused = refusal(self->state))
        return to_caf_error(*refused);
      auto promise = self->make_response_promise<balance_row>();
      when_current(self, store, wake_pending, balance_read(q.account_id, promise));
      return promise;
    },
    [=](transfer_query& q) -> caf::result<transfer_row> {
      if (auto refused = refusal(self->state))
        return to_caf_error(*refused);
      auto promise = self->make_response_promise<transfer_row>();
      auto read = [id = q.transfer_id](const event_store& s) { return transfer_read(s, id); };
      when_current(self, store, wake_pending, read_when_current(store, read, promise));
      return promise;
    },
    [=](user_groups_query& q) -> caf::result<std::vector<group_index_row>> {
      if (auto refused = refusal(self->state))
        return to_caf_error(*refused);
      auto promise = self->make_response_promise<std::vector<group_index_row>>();
      auto read = [q](const event_store& s) {
        return groups_of(s, account_balance_projection::family, q.user_id, user_groups_max);
      };
      when_current(self, store, wake_pending, read_when_current(store, read, promise));
      return promise;
    },
    [=](user_loans_query& q) -> caf::result<std::vector<loan_index_row>> {
      if (auto refused = refusal(self->state))
        return to_caf_error(*refused);
      auto promise = self->make_response_promise<std::vector<loan_index_row>>();
      auto read = [q](const event_store& s) {
        return loans_of(s, account_balance_projection::family, q.user_id, q.after,
                        std::min(q.limit, loans_page_max));
      };
      when_current(self, store, wake_pending, read_when_current(store, read, promise));
      return promise;
    },
    [=](net_worth_query& q) -> caf::result<net_worth> {
      if (auto refused = refusal(self->state))
        return to_caf_error(*refused);
      auto promise = self->make_response_promise<net_worth>();
      auto read = [q](const event_store& s) { return net_worth_read(s, q); };
      when_current(self, store, wake_pending, read_when_current(store, read, promise));
      return promise;
    },
    [=](accounts_query& q) -> caf::result<account_page> {
      if (auto refused = refusal(self->state))
        return to_caf_error(*refused);
      auto promise = self->make_response_promise<account_page>();
      when_current(self, store, wake_pending, page_read(store, std::move(q), promise));
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
  register_interface<projection_actor>(cfg);
}

} // namespace pfms
