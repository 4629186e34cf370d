#pragma once

#include "actors/social/group_messages.hpp"
#include "events/result.hpp"
#include "http/runtime/erased_request.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// The bridge from the HTTP front to this node's group directory and group
/// index: each call sends one message and returns at once; `done` runs later
/// on a CAF worker with the reply, the domain error, or
/// `runtime_errc::unavailable` after `timeout`. In a cluster the front has
/// already brought the request to the node of its group (cluster_front.hpp),
/// so every group asked here is this node's. Thread-safe. The actor system
/// must outlive it.
class group_gateway {
public:
  group_gateway(caf::actor_system& system, group_actor directory, projection_actor projection,
                std::chrono::milliseconds timeout)
    : system_(system), directory_(std::move(directory)), projection_(std::move(projection)),
      timeout_(timeout) {}

  /// A command (group_core.hpp) under `context`, answered with `Reply`.
  template <class Reply, class Command>
  void command(Command command, command_context context,
               std::function<void(result<Reply>)> done) const {
    static_assert(answers<group_actor, Reply, Command, command_context>);
    auto args = std::tuple(std::move(command), std::move(context));
    send(erase_request<Reply>(args, done));
  }
  /// A query (group_query, group_balances_query), answered with `Reply`.
  template <class Reply, class Query>
  void query(Query query, std::function<void(result<Reply>)> done) const {
    static_assert(answers<group_actor, Reply, Query>);
    auto args = std::tuple(std::move(query));
    send(erase_request<Reply>(args, done));
  }

  /// The balances of each of `group_ids` for `user_id`, asked at once; a group
  /// that did not answer within the timeout (or refused) has its error.
  using gathered = std::vector<std::pair<std::string, result<group_balances>>>;
  void gather_balances(std::string user_id, std::vector<std::string> group_ids,
                       std::function<void(gathered)> done) const;

  /// The groups of this node that `user_id` belongs to, read-your-writes,
  /// from the group index.
  void groups_of(std::string user_id,
                 std::function<void(result<std::vector<group_index_row>>)> done) const;

private:
  // Any request of the group interface, to this node's directory.
  void send(const erased_request& request) const;

  caf::actor_system& system_;
  group_actor directory_;
  projection_actor projection_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
