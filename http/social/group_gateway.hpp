#pragma once

#include "actors/social/group_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "events/result.hpp"

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
  group_gateway(caf::actor_system& system, group_actor directory, std::chrono::milliseconds timeout,
                const cluster_status* cluster = nullptr)
    : system_(system), directory_(std::move(directory)), timeout_(timeout), cluster_(cluster) {}

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

private:
  caf::actor_system& system_;
  group_actor directory_;
  std::chrono::milliseconds timeout_;
  const cluster_status* cluster_;
};

} // namespace pfms
