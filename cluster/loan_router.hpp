#pragma once

// The loan directory as a node's HTTP front sees it in a cluster: each
// message goes to the loan directory of the node that owns the loan
// (placement by loan id, cluster/placement.hpp): this node's own, or a
// peer's over BASP (the reply goes straight back to the asker). When the
// owner is down the request is answered at once with `node_unavailable`
// (503 with Retry-After); loans on the other nodes keep working.

#include "actors/loan_messages.hpp"
#include "cluster/cluster_status.hpp"
#include "cluster/placement.hpp"

namespace pfms {

/// `status` must outlive the actor; `local` is this node's loan directory.
loan_actor::behavior_type loan_router_fn(loan_actor::pointer self, const cluster_status* status,
                                         loan_actor local);

/// Where the entity with shard key `key` is served: `local` when this node
/// owns it, the owner's handle from `remote` while it is up, else the
/// `node_unavailable` failure naming the owner.
template <class Handle, class Remote>
result<Handle> owner_handle(const cluster_status& status, const std::string& key, Handle local,
                            Remote remote) {
  const auto& ids = status.node_ids();
  const auto& owner = ids[owner_index(key, ids)];
  if (owner == status.config().self_id)
    return local;
  Handle handle = remote(status.directories_of(owner));
  if (!handle)
    return make_failure(runtime_errc::node_unavailable,
                        "node " + owner + ", which holds this, is unavailable; retry shortly");
  return handle;
}

} // namespace pfms
