#pragma once

#include "actors/identity/published_users.hpp"
#include "actors/identity/user_messages.hpp"
#include "actors/ledger/account_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "events/result.hpp"
#include "http/runtime/cluster_gather.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <functional>

namespace pfms {

template <class T>
using reply_callback = std::function<void(result<T>)>;

/// The bridge from the HTTP front to the actors. Each call sends one request
/// and returns at once; the callback runs later on a CAF worker thread with
/// the reply, the domain error, or `runtime_errc::unavailable` after
/// `timeout`. No I/O thread ever waits on an actor. Thread-safe.
class ledger_gateway {
public:
  /// `published` (optional) is the node's published user views: `user`
  /// answers from it without asking the actors. `cluster` (optional) is the
  /// node's cluster, for placing new users; `directory` and `users` are then
  /// the routers (cluster/ledger/account_router.hpp, cluster/identity/user_router.hpp).
  ledger_gateway(caf::actor_system& system, const event_store& store, account_actor directory,
                 projection_actor projection, user_directory_actor users,
                 std::chrono::milliseconds timeout, const published_users* published = nullptr,
                 const cluster_status* cluster = nullptr)
    : system_(system), store_(store), directory_(std::move(directory)),
      projection_(std::move(projection)), users_(std::move(users)), timeout_(timeout),
      published_(published), cluster_(cluster) {}

  /// A new user's id: `candidate(0)` on a single node; in a cluster the
  /// first candidate placed on the node that owns `email`, so the email's
  /// registry stream and the user share one node (cluster/identity/user_router.hpp).
  [[nodiscard]] std::string new_user_id(const std::string& email,
                                        const std::function<std::string(int)>& candidate) const;

  void open(open_account command, command_context context,
            reply_callback<account_view> done) const;
  void record(record_transaction command, command_context context,
              reply_callback<transaction_receipt> done) const;
  /// A change to one account: rename_account or close_account (answering the
  /// account), amend_transaction or void_transaction (the transaction).
  template <class Reply, class Command>
  void to_account(Command command, command_context context, reply_callback<Reply> done) const;
  /// Starts a transfer (or asks after one) on its source account.
  void transfer(hold_transfer command, command_context context,
                reply_callback<transfer_view> done) const {
    to_account<transfer_view>(std::move(command), std::move(context), std::move(done));
  }
  /// The groups `user_id` belongs to, read-your-writes; in a cluster
  /// gathered from every node (http/runtime/cluster_gather.hpp).
  void groups_of(std::string user_id,
                 reply_callback<gathered_rows<group_index_row>> done) const;
  /// `owner_id`'s net worth in `base_currency`, read-your-writes.
  void net_worth_of(std::string owner_id, std::string base_currency,
                    reply_callback<net_worth> done) const;
  /// The projected row of transfer `transfer_id`, read-your-writes.
  void transfer_row_of(std::string transfer_id, reply_callback<transfer_row> done) const;
  /// The projected row of `account_id`, after every write committed before
  /// this call (read-your-writes).
  void balance(std::string account_id, reply_callback<balance_row> done) const;
  /// The account as its actor holds it now, if it is `caller_id`'s;
  /// `account_not_found` otherwise.
  void account_terms(std::string account_id, std::string caller_id,
                     reply_callback<account_view> done) const;
  /// `account_id` as its log said at `as_of`, from the log on a thread of its
  /// own (shares the `exports_max` bound); `store_errc::not_found` when it was
  /// not open then.
  void account_as_of(std::string account_id, time_us as_of,
                     reply_callback<account_state> done) const;
  /// A page of `owner_id`'s accounts after account `after`, read-your-writes.
  void accounts(std::string owner_id, std::string after, std::uint32_t limit,
                reply_callback<account_page> done) const;
  /// Drops the balance read model and replays the log; the new checkpoint.
  /// Allowed up to `rebuild_timeout`, not the request timeout.
  void rebuild_balances(reply_callback<std::uint64_t> done) const;
  static constexpr std::chrono::minutes rebuild_timeout{10};

  /// register_user, change_password or update_profile: answers the user.
  template <class Command>
  void user_command(Command command, command_context context,
                    reply_callback<user_view> done) const;
  /// Any session command (start, rotate, end).
  template <class Command>
  void session(Command command, command_context context,
               reply_callback<session_view> done) const;
  /// The user: from the published views when there (at once, on the
  /// calling thread), else from the user's actor.
  void user(std::string user_id, reply_callback<user_view> done) const;
  /// Whether `family` is a live session of `user_id` at `now`, from the
  /// published views (at once, on the calling thread); nullopt when the user
  /// is not published on this node.
  [[nodiscard]] std::optional<bool> published_session(const std::string& user_id,
                                                      const std::string& family,
                                                      time_us now) const;
  /// The same from the user's actor, wherever it lives: false for a user
  /// that is not registered (never was, or erased).
  void asked_session(std::string user_id, std::string family, time_us now,
                     reply_callback<bool> done) const;
  /// The id of the registered user holding `email`, or `user_not_found`.
  void user_by_email(std::string email, reply_callback<std::string> done) const;

  /// Everything pfms holds about `user_id` as JSON (personal_export.hpp), on
  /// a thread of its own; at most `exports_max` at once, past that
  /// `runtime_errc::unavailable`.
  void export_person(std::string user_id, reply_callback<std::string> done) const;
  static constexpr int exports_max = 4;

  /// The first outcome under a scoped idempotency key, for a route that must
  /// know before it does anything (e.g. verify a password that the first try
  /// changed): see `event_store::idempotent_outcome`. One local read.
  [[nodiscard]] result<std::optional<append_result>>
  earlier_outcome(const std::string& key, const std::string& fingerprint) const {
    return store_.idempotent_outcome(key, fingerprint);
  }

  /// Runs `read(store) -> result<T>` on a thread of its own (bounded with the
  /// exports), for reads of the log too long for an I/O thread.
  template <class T, class Read>
  void read_log(Read read, reply_callback<T> done) const {
    off_thread<T>([this, read = std::move(read)] { return read(store_); }, std::move(done));
  }

private:
  // Runs `work() -> result<T>` on a thread of its own, bounded by exports_max
  // (past it: `runtime_errc::unavailable` at once), and hands the result to `done`.
  template <class T, class Work>
  void off_thread(Work work, reply_callback<T> done) const {
    auto job = [work = std::move(work), done]() mutable { done(result<T>(work())); };
    if (!start_detached(std::move(job)))
      done(make_failure(runtime_errc::unavailable, "too many long reads at once; retry"));
  }
  bool start_detached(std::function<void()> job) const;

  caf::actor_system& system_;
  const event_store& store_;
  account_actor directory_;
  projection_actor projection_;
  user_directory_actor users_;
  std::chrono::milliseconds timeout_;
  const published_users* published_;
  const cluster_status* cluster_;
  mutable std::atomic<int> exports_running_{0};
};

} // namespace pfms
