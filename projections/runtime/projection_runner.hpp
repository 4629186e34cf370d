#pragma once

#include "events/event_store.hpp"
#include "events/message_declaration.hpp"
#include "projections/ledger/account_balance_projection.hpp"
#include "projections/ledger/fx_rates.hpp"
#include "projections/ledger/net_worth.hpp"
#include "projections/ledger/transaction_rows.hpp"
#include "projections/ledger/transfer_rows.hpp"
#include "projections/lending/loan_index.hpp"
#include "projections/runtime/projection_feed.hpp"
#include "projections/social/group_activity.hpp"
#include "projections/social/group_index.hpp"

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <array>
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pfms {

/// Every read model of a node, in the order the runner feeds them.
inline constexpr std::array<projection, 7> node_projections{
  balances_projection,     transfers_projection,      fx_rates_projection, transactions_projection,
  group_index_projection,  group_activity_projection, loan_index_projection};

using catch_up_atom = caf::atom_constant<caf::atom("catch_up")>;
using rebuild_atom = caf::atom_constant<caf::atom("rebuild")>;

/// Answers the checkpoint of `projection` once it has applied every event
/// committed before the query arrived: a caller then reads the projection's
/// family itself, read-your-writes. An unknown name answers `not_found`.
struct current_query {
  std::string projection;
};

PFMS_MESSAGE(current_query);

/// A read of one account's balance row, answered once the projection has
/// applied every event committed before the query arrived (read-your-writes).
struct balance_query {
  std::string account_id;
};

PFMS_MESSAGE(balance_query);

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

PFMS_MESSAGE(accounts_query);
PFMS_MESSAGE(balance_row);
PFMS_MESSAGE(account_page);

/// The row of one transfer, answered like a balance query; a missing one
/// answers `store_errc::not_found`.
struct transfer_query {
  std::string transfer_id;
};


PFMS_MESSAGE(transfer_query);
PFMS_MESSAGE(transfer_row);

/// The groups `user_id` belongs to (at most user_groups_max), answered like a balance query.
struct user_groups_query {
  std::string user_id;
};
inline constexpr std::size_t user_groups_max = 1000;

PFMS_MESSAGE(user_groups_query);
PFMS_MESSAGE(group_index_row);

/// The loans `user_id` is a party to (as `role`, when not empty), after
/// `after` (a loan id), at most `limit` (≤ loans_page_max); answered like a
/// balance query.
struct user_loans_query {
  std::string user_id;
  std::string after;
  std::size_t limit = 0;
  std::string role; ///< "lender", "borrower", or "" for both
};
inline constexpr std::size_t loans_page_max = 100;

PFMS_MESSAGE(user_loans_query);
PFMS_MESSAGE(loan_index_row);

/// `owner_id`'s net worth in `base_currency`, answered like a balance query.
struct net_worth_query {
  std::string owner_id;
  std::string base_currency;
};

PFMS_MESSAGE(net_worth_query);
PFMS_MESSAGE(fx_rate);
PFMS_MESSAGE(net_worth_line);
PFMS_MESSAGE(net_worth);

using projection_actor =
  caf::typed_actor<caf::reacts_to<catch_up_atom>,
                   caf::replies_to<net_worth_query>::with<net_worth>,
                   caf::replies_to<user_groups_query>::with<std::vector<group_index_row>>,
                   caf::replies_to<user_loans_query>::with<std::vector<loan_index_row>>,
                   caf::replies_to<balance_query>::with<balance_row>,
                   caf::replies_to<transfer_query>::with<transfer_row>,
                   caf::replies_to<accounts_query>::with<account_page>,
                   caf::replies_to<current_query>::with<std::uint64_t>,
                   caf::replies_to<rebuild_atom, std::string>::with<std::uint64_t>>;

/// A query waiting for the projections it `reads` to reach `position`:
/// `answer` reads them and delivers; `fail` delivers why it cannot.
struct pending_query {
  std::uint64_t position = 0;
  std::vector<std::string_view> reads;
  std::function<void()> answer;
  std::function<void(const failure&)> fail;
};

struct projection_runner_state {
  static constexpr std::size_t pending_max = 10'000;
  std::optional<projection_feed> feed;
  std::optional<failure> unopened; ///< why the feed did not open
  std::vector<pending_query> pending;
  static inline const char* name = "projection_runner";
};

/// Runs every projection of `node_projections` (projection_feed.hpp): catches
/// them up from their checkpoints on start and on every `catch_up` (sent by
/// the store's commit listener), then answers the queries that waited for
/// the projections they read (read-your-writes). A query of a broken
/// projection answers its failure; a missing row answers
/// `store_errc::not_found`; more than `pending_max` waiting queries answer
/// `runtime_errc::unavailable`. `rebuild` takes a projection's name, empties
/// it, folds the log into it again and answers its new checkpoint
/// (`not_found` for an unknown name). `wake_pending` is cleared before each
/// catch-up so commit listeners send at most one wake-up at a time. The store
/// and the flag must outlive the actor system.
projection_actor::behavior_type
projection_runner_fn(projection_actor::stateful_pointer<projection_runner_state> self,
                     event_store* store, std::atomic<bool>* wake_pending);

/// Makes `store` wake `runner` after each commit, coalescing wake-ups.
void wake_on_commit(event_store& store, projection_actor runner,
                    std::atomic<bool>& wake_pending);

/// Registers the read side's message types with `cfg`.
void register_projection_types(caf::actor_system_config& cfg);

} // namespace pfms
