#pragma once

// The one decision every router makes: which directory serves a shard key,
// and the delegation to it.

#include "cluster/cluster_status.hpp"
#include "cluster/placement.hpp"
#include "events/caf_error.hpp"

#include <caf/result.hpp>

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

/// Delegates the message `xs...` to the directory that serves `key`: `local`,
/// or the owner's directory `field` while it is up; else answers `node_unavailable`.
template <class Reply, class Self, class Handle, class... Ts>
caf::result<Reply> delegate_to_owner(Self self, const cluster_status& status, const Handle& local,
                                     Handle node_directories::*field, const std::string& key,
                                     Ts&... xs) {
  auto target = owner_handle(status, key, local,
                             [field](const node_directories& d) { return d.*field; });
  if (!target)
    return to_caf_error(target.error());
  return self->delegate(*target, std::move(xs)...);
}

} // namespace pfms
