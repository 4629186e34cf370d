#pragma once

#include "actors/ledger/account_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "http/runtime/entity_port.hpp"
#include "http/runtime/log_reader.hpp"
#include "http/runtime/reply_callback.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace pfms {

/// The bridge from the HTTP front to the accounts (any command,
/// entity_port.hpp) and the ledger's read models. Each call sends one request
/// and returns at once; no I/O thread ever waits on an actor.
class ledger_gateway : public entity_port<account_actor> {
public:
  /// In a cluster `directory` is the account router (cluster/ledger/account_router.hpp).
  /// `log` reads the log for `account_as_of`.
  /// `cluster` (optional) names the node whose read models hold another
  /// user's ledger (`owner_transfer_row`).
  ledger_gateway(caf::actor_system& system, account_actor directory, projection_actor projection,
                 const log_reader& log, std::chrono::milliseconds timeout,
                 const cluster_status* cluster = nullptr)
    : entity_port(system, std::move(directory), timeout), projection_(std::move(projection)),
      log_(log), cluster_(cluster) {}

  /// `owner_id`'s net worth in `base_currency`, read-your-writes.
  void net_worth_of(std::string owner_id, std::string base_currency,
                    reply_callback<net_worth> done) const;
  /// `read(store)` on the log reader's threads once projection `name` has
  /// every write committed before this call (read-your-writes): for reads
  /// that scan a projection's family.
  template <class T, class Read>
  void read_projection(std::string_view name, Read read, reply_callback<T> done) const {
    when_current(std::string(name), [this, read = std::move(read),
                                     done = std::move(done)](result<std::uint64_t> reached) mutable {
      if (!reached)
        return done(reached.error());
      log_.read_log<T>(std::move(read), std::move(done));
    });
  }

  /// The checkpoint of projection `name` once it is current.
  void when_current(std::string name, reply_callback<std::uint64_t> done) const;

  /// The projected row of transfer `transfer_id`, read-your-writes.
  void transfer_row_of(std::string transfer_id, reply_callback<transfer_row> done) const;
  /// The same, read on the node of `owner_id`, whose read models hold the
  /// transfers of that user's accounts: a request served on another key's
  /// node (a settlement, on its group's) that names the user's transfer.
  void owner_transfer_row(std::string transfer_id, const std::string& owner_id,
                          reply_callback<transfer_row> done) const;
  /// The projected row of `account_id`, after every write committed before
  /// this call (read-your-writes).
  void balance(std::string account_id, reply_callback<balance_row> done) const;
  /// The account as its actor holds it now, if it is `caller_id`'s;
  /// `account_not_found` otherwise.
  void account_terms(std::string account_id, std::string caller_id,
                     reply_callback<account_view> done) const;
  /// `account_id` as its log said at `as_of`, read by the log reader;
  /// `store_errc::not_found` when it was not open then.
  void account_as_of(std::string account_id, time_us as_of,
                     reply_callback<account_state> done) const;
  /// A page of `owner_id`'s accounts after account `after`, read-your-writes.
  void accounts(std::string owner_id, std::string after, std::uint32_t limit,
                reply_callback<account_page> done) const;
  /// Empties the read model of `projection` (a name of node_projections)
  /// and folds the log into it again; its new checkpoint. Allowed up to
  /// `rebuild_timeout`, not the request timeout.
  void rebuild(std::string projection, reply_callback<std::uint64_t> done) const;
  static constexpr std::chrono::minutes rebuild_timeout{10};

private:
  projection_actor projection_;
  const log_reader& log_;
  const cluster_status* cluster_;
};

} // namespace pfms
