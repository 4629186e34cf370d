#pragma once

#include "actors/social/group_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "events/result.hpp"
#include "http/runtime/cluster_gather.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// The bridge from the HTTP front to the group directory (in a cluster: the
/// directory of the node that owns each group, watched while it answers):
/// each call sends one message and returns at once; `done` runs later on a
/// CAF worker with the reply, the domain error, `runtime_errc::unavailable`
/// after `timeout`, or `node_unavailable` while the owner is down.
/// Thread-safe. The actor system must outlive it.
class group_gateway {
public:
  group_gateway(caf::actor_system& system, group_actor directory, projection_actor projection,
                std::chrono::milliseconds timeout, const cluster_status* cluster = nullptr)
    : system_(system), directory_(std::move(directory)), projection_(std::move(projection)),
      timeout_(timeout), cluster_(cluster) {}

  /// A command (group_core.hpp) under `context`, answered with `Reply`.
  template <class Reply, class Command>
  void command(Command command, command_context context,
               std::function<void(result<Reply>)> done) const;
  /// A query (group_query, group_balances_query), answered with `Reply`.
  template <class Reply, class Query>
  void query(Query query, std::function<void(result<Reply>)> done) const;

  /// The balances of each of `group_ids` for `user_id`, asked at once; a group
  /// that did not answer within the timeout (or refused) has its error.
  using gathered = std::vector<std::pair<std::string, result<group_balances>>>;
  void gather_balances(std::string user_id, std::vector<std::string> group_ids,
                       std::function<void(gathered)> done) const;

  /// The groups `user_id` belongs to, read-your-writes, from the group index;
  /// in a cluster gathered from every node (http/runtime/cluster_gather.hpp).
  void groups_of(std::string user_id,
                 std::function<void(result<gathered_rows<group_index_row>>)> done) const;

private:
  caf::actor_system& system_;
  group_actor directory_;
  projection_actor projection_;
  std::chrono::milliseconds timeout_;
  const cluster_status* cluster_;
};

} // namespace pfms
