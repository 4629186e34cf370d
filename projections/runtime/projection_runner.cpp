#include "projections/runtime/projection_runner.hpp"

#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include <algorithm>

namespace pfms {

namespace {

using self_ptr = projection_actor::stateful_pointer<projection_runner_state>;

result<balance_row> balance_read(const event_store& store, const std::string& account_id) {
  auto row = find_balance(store, account_id);
  if (!row)
    return row.error();
  if (!*row)
    return make_failure(store_errc::not_found, "no such account");
  return open_balance_row(store, std::move(**row));
}

// A page of an owner's accounts: one more row than asked tells whether more follow.
result<account_page> page_read(const event_store& store, const accounts_query& q) {
  auto rows = balance_rows_owned_by(store, q.owner_id, q.after, std::size_t{q.limit} + 1);
  if (!rows)
    return rows.error();
  account_page page;
  page.more = rows->size() > q.limit;
  for (auto& row : *rows) {
    if (page.rows.size() == q.limit)
      break;
    auto answered = open_balance_row(store, std::move(row));
    if (!answered)
      return answered.error();
    page.rows.push_back(std::move(*answered));
  }
  return page;
}

result<transfer_row> transfer_read(const event_store& store, const std::string& id) {
  auto row = find_transfer(store, transfers_projection.family, id);
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
  auto rates = rates_of(store, q.owner_id);
  if (!rates)
    return rates.error();
  return compute_net_worth(*accounts, *rates, q.base_currency);
}

// Why `q` cannot be answered, if a projection it reads is broken.
std::optional<failure> blocker(const projection_runner_state& st, const pending_query& q) {
  for (auto name : q.reads)
    if (auto broken = st.feed->broken(name))
      return broken;
  return std::nullopt;
}

bool current(const projection_runner_state& st, const pending_query& q) {
  for (auto name : q.reads)
    if (st.feed->checkpoint(name).value_or(0) < q.position)
      return false;
  return true;
}

void catch_up(self_ptr self, std::atomic<bool>* wake_pending) {
  auto& st = self->state;
  wake_pending->store(false);
  if (!st.feed)
    return;
  const auto caught_up = st.feed->catch_up();
  std::vector<pending_query> waiting;
  for (auto& q : st.pending) {
    if (auto broken = blocker(st, q))
      q.fail(*broken);
    else if (current(st, q))
      q.answer();
    else if (!caught_up)
      q.fail(caught_up.error()); // the log could not be read: try again later
    else
      waiting.push_back(std::move(q));
  }
  st.pending = std::move(waiting);
}

// Answers `q` once the projections it reads have every event committed before now.
void when_current(self_ptr self, event_store* store, std::atomic<bool>* wake_pending,
                  pending_query q) {
  auto& st = self->state;
  q.position = store->head_position();
  if (auto broken = blocker(st, q))
    return q.fail(*broken);
  if (current(st, q))
    return q.answer(); // already caught up: no log read
  st.pending.push_back(std::move(q));
  catch_up(self, wake_pending);
}

// Answers `read(store)` from the projections named in `reads`, once they are current.
template <class T, class Read>
caf::result<T> answer_current(self_ptr self, event_store* store, std::atomic<bool>* wake_pending,
                              std::vector<std::string_view> reads, Read read) {
  auto& st = self->state;
  if (st.unopened)
    return to_caf_error(*st.unopened);
  if (st.pending.size() >= projection_runner_state::pending_max)
    return to_caf_error(make_failure(runtime_errc::unavailable, "too many reads are waiting"));
  auto promise = self->make_response_promise<T>();
  when_current(self, store, wake_pending,
               {0, std::move(reads),
                [store, read = std::move(read), promise]() mutable {
                  result<T> answer = read(*store);
                  if (answer)
                    promise.deliver(std::move(*answer));
                  else
                    promise.deliver(to_caf_error(answer.error()));
                },
                [promise](const failure& f) mutable { promise.deliver(to_caf_error(f)); }});
  return promise;
}

} // namespace

projection_actor::behavior_type projection_runner_fn(self_ptr self, event_store* store,
                                                     std::atomic<bool>* wake_pending) {
  if (auto opened = projection_feed::open(*store, node_projections); opened)
    self->state.feed.emplace(std::move(*opened));
  else
    self->state.unopened = opened.error();
  if (self->state.feed)
    self->send(self, catch_up_atom::value);
  const std::vector<std::string_view> balances{balances_projection.name};
  return {
    [=](catch_up_atom) { catch_up(self, wake_pending); },
    [=](rebuild_atom, const std::string& name) -> caf::result<std::uint64_t> {
      auto& st = self->state;
      if (st.unopened)
        return to_caf_error(*st.unopened);
      auto rebuilt = st.feed->rebuild(name);
      // Waiting reads are answered as the rebuilt projection reaches them.
      catch_up(self, wake_pending);
      if (!rebuilt)
        return to_caf_error(rebuilt.error());
      return *rebuilt;
    },
    [=](current_query& q) -> caf::result<std::uint64_t> {
      auto known = std::find_if(node_projections.begin(), node_projections.end(),
                                [&](const projection& p) { return p.name == q.projection; });
      if (known == node_projections.end())
        return to_caf_error(make_failure(store_errc::not_found, "no such projection"));
      return answer_current<std::uint64_t>(
        self, store, wake_pending, {known->name},
        [name = known->name](const event_store& s) { return s.checkpoint(name); });
    },
    [=](balance_query& q) {
      return answer_current<balance_row>(
        self, store, wake_pending, balances,
        [id = std::move(q.account_id)](const event_store& s) { return balance_read(s, id); });
    },
    [=](accounts_query& q) {
      return answer_current<account_page>(
        self, store, wake_pending, balances,
        [q = std::move(q)](const event_store& s) { return page_read(s, q); });
    },
    [=](transfer_query& q) {
      return answer_current<transfer_row>(
        self, store, wake_pending, {transfers_projection.name},
        [id = std::move(q.transfer_id)](const event_store& s) { return transfer_read(s, id); });
    },
    [=](user_groups_query& q) {
      return answer_current<std::vector<group_index_row>>(
        self, store, wake_pending, {group_index_projection.name},
        [q = std::move(q)](const event_store& s) {
          return groups_of(s, group_index_projection.family, q.user_id, user_groups_max);
        });
    },
    [=](user_loans_query& q) {
      return answer_current<std::vector<loan_index_row>>(
        self, store, wake_pending, {loan_index_projection.name},
        [q = std::move(q)](const event_store& s) {
          return loans_of(s, loan_index_projection.family, q.user_id, q.after,
                          std::min(q.limit, loans_page_max), q.role);
        });
    },
    [=](net_worth_query& q) {
      return answer_current<net_worth>(
        self, store, wake_pending, {balances_projection.name, fx_rates_projection.name},
        [q = std::move(q)](const event_store& s) { return net_worth_read(s, q); });
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
