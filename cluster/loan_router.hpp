#pragma once

// The loan directory as a node's HTTP front sees it in a cluster: each
// message goes to the loan directory of the node that owns the loan
// (placement by loan id, cluster/placement.hpp): this node's own, or a
// peer's over BASP (the reply goes straight back to the asker). When the
// owner is down the request is answered at once with `node_unavailable`
// (503 with Retry-After); loans on the other nodes keep working.

#include "actors/loan_messages.hpp"
#include "cluster/cluster_status.hpp"

namespace pfms {

/// `status` must outlive the actor.
loan_actor::behavior_type loan_router_fn(loan_actor::pointer self, const cluster_status* status);

} // namespace pfms
