#pragma once

// The group directory as a node's HTTP front sees it in a cluster: each
// message goes to the group directory of the node that owns the group
// (placement by group id), as loan_router.hpp does for loans. A down owner
// answers `node_unavailable` at once.

#include "actors/group_messages.hpp"
#include "cluster/cluster_status.hpp"

namespace pfms {

/// `status` must outlive the actor.
group_actor::behavior_type group_router_fn(group_actor::pointer self, const cluster_status* status);

} // namespace pfms
