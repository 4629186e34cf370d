#pragma once

#include "events/event_store.hpp"
#include "projections/account_balance_projection.hpp"
#include "projections/group_index.hpp"
#include "projections/loan_index.hpp"
#include "projections/net_worth.hpp"
#include "projections/transfer_rows.hpp"

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pfms {

using catch_up_atom = caf::atom_constant<caf::atom("catch_up")>;
using rebuild_atom = caf::atom_constant<caf::atom("rebuild")>;

/// A read of one account's balance row, answered once the projection has
/// applied every event committed before the query arrived (read-your-writes).
struct balance_query {
  std::string account_id;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, balance_query& x) {
  return f(caf::meta::type_name("balance_query"), x.account_id);
}

/// A page of the accounts `owner_id` owns, in account id order after account
/// `after` (""), at most `limit`; answered like a balance query.
struct accounts_query {
  std::string owner_id;
  std::string after;
  std::uint32_t limit = 50;
};

/// The rows of a page (names opened) and whether more follow.
struct account_page {
  std::vector<balance_row> rows;
  bool more = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, accounts_query& x) {
  return f(caf::meta::type_name("accounts_query"), x.owner_id, x.after, x.limit);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, balance_row& x) {
  return f(caf::meta::type_name("balance_row"), x.account_id, x.name, x.kind, x.currency,
           x.balance_minor, x.credit_limit_minor, x.version, x.position, x.owner_id, x.closed);
}

/// `rebuild` drops the read model and its checkpoint, replays the log from
/// position 0 and answers the new checkpoint.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_page& x) {
  return f(caf::meta::type_name("account_page"), x.rows, x.more);
}

/// The row of one transfer, answered like a balance query; a missing one
/// answers `store_errc::not_found`.
struct transfer_query {
  std::string transfer_id;
};

/// Up to `limit` (≤ open_transfers_max) held transfers after transfer
/// `after`, answered like a balance query: the sagas a starting node resumes.
struct open_transfers_query {
  std::string after;
  std::uint32_t limit = 1000;
};
inline constexpr std::uint32_t open_transfers_max = 1000;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, transfer_query& x) {
  return f(caf::meta::type_name("transfer_query"), x.transfer_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, open_transfers_query& x) {
  return f(caf::meta::type_name("open_transfers_query"), x.after, x.limit);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, transfer_row& x) {
  return f(caf::meta::type_name("transfer_row"), x.transfer_id, x.owner_id, x.from_account_id,
           x.to_account_id, x.amount_minor, x.currency, x.to_amount_minor, x.to_currency,
           x.status, x.credited, x.reason, x.position, x.held_at_us);
}

/// The groups `user_id` belongs to (at most user_groups_max), answered like a balance query.
struct user_groups_query {
  std::string user_id;
};
inline constexpr std::size_t user_groups_max = 1000;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, user_groups_query& x) {
  return f(caf::meta::type_name("user_groups_query"), x.user_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_index_row& x) {
  return f(caf::meta::type_name("group_index_row"), x.group_id, x.name, x.status);
}

/// The loans `user_id` is a party to, after `after` (a loan id), at most
/// `limit` (≤ loans_page_max); answered like a balance query.
struct user_loans_query {
  std::string user_id;
  std::string after;
  std::size_t limit = 0;
};
/// The active loans after `after`, at most `limit` (≤ loans_page_max).
struct active_loans_query {
  std::string after;
  std::size_t limit = 0;
};
inline constexpr std::size_t loans_page_max = 100;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, user_loans_query& x) {
  return f(caf::meta::type_name("user_loans_query"), x.user_id, x.after, x.limit);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, active_loans_query& x) {
  return f(caf::meta::type_name("active_loans_query"), x.after, x.limit);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, loan_index_row& x) {
  return f(caf::meta::type_name("loan_index_row"), x.loan_id, x.role);
}

/// `owner_id`'s net worth in `base_currency`, answered like a balance query.
struct net_worth_query {
  std::string owner_id;
  std::string base_currency;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, net_worth_query& x) {
  return f(caf::meta::type_name("net_worth_query"), x.owner_id, x.base_currency);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, net_worth_line& x) {
  return f(caf::meta::type_name("net_worth_line"), x.currency, x.balance_minor, x.converted,
           x.base_minor, x.rate_from_minor, x.rate_to_minor, x.rate_transfer_id, x.rate_at_us);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, net_worth& x) {
  return f(caf::meta::type_name("net_worth"), x.base_currency, x.total_minor, x.lines,
           x.complete);
}

using projection_actor =
  caf::typed_actor<caf::reacts_to<catch_up_atom>,
                   caf::replies_to<net_worth_query>::with<net_worth>,
                   caf::replies_to<user_groups_query>::with<std::vector<group_index_row>>,
                   caf::replies_to<user_loans_query>::with<std::vector<loan_index_row>>,
                   caf::replies_to<active_loans_query>::with<std::vector<std::string>>,
                   caf::replies_to<balance_query>::with<balance_row>,
                   caf::replies_to<transfer_query>::with<transfer_row>,
                   caf::replies_to<open_transfers_query>::with<std::vector<transfer_row>>,
                   caf::replies_to<accounts_query>::with<account_page>,
                   caf::replies_to<rebuild_atom>::with<std::uint64_t>>;

/// A query waiting for the projection to reach `position`: `answer` reads the
/// projection and delivers; `fail` delivers the projection's failure.
struct pending_query {
  std::uint64_t position = 0;
  std::function<void(const account_balance_projection&)> answer;
  std::function<void(const failure&)> fail;
};

struct projection_runner_state {
  static constexpr std::size_t pending_max = 10'000;
  std::optional<account_balance_projection> projection;
  std::optional<failure> broken;
  std::vector<pending_query> pending;
  static inline const char* name = "projection_runner";
};

/// Runs the balance projection: catches up from its checkpoint on start and
/// on every `catch_up` (sent by the store's commit listener), then answers
/// the queries that waited for it. A missing account answers
/// `store_errc::not_found`; more than `pending_max` waiting queries answer
/// `runtime_errc::unavailable`. `wake_pending` is cleared before each catch-up
/// so commit listeners send at most one wake-up at a time. The store and the
/// flag must outlive the actor system.
projection_actor::behavior_type
projection_runner_fn(projection_actor::stateful_pointer<projection_runner_state> self,
                     event_store* store, std::atomic<bool>* wake_pending);

/// Makes `store` wake `runner` after each commit, coalescing wake-ups.
void wake_on_commit(event_store& store, projection_actor runner,
                    std::atomic<bool>& wake_pending);

/// Registers the read side's message types with `cfg`.
void register_projection_types(caf::actor_system_config& cfg);

} // namespace pfms
