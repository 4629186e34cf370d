#pragma once

#include "actors/social/group_messages.hpp"
#include "events/result.hpp"
#include "http/runtime/entity_port.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// The bridge from the HTTP front to this node's group directory (any
/// command or query, entity_port.hpp) and group index. In a cluster the
/// front has already brought the request to the node of its group
/// (cluster_front.hpp), so every group asked here is this node's.
class group_gateway : public entity_port<group_actor> {
public:
  group_gateway(caf::actor_system& system, group_actor directory, projection_actor projection,
                std::chrono::milliseconds timeout)
    : entity_port(system, std::move(directory), timeout), projection_(std::move(projection)) {}

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
  projection_actor projection_;
};

} // namespace pfms
