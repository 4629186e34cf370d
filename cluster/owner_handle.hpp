#pragma once

// The one decision every router makes: which directory serves a shard key.

#include "cluster/cluster_status.hpp"
#include "cluster/placement.hpp"

#include <string>

namespace pfms {

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
