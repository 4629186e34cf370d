#pragma once

// The one decision every router makes: which directory serves a shard key,
// and the delegation to it.

#include "cluster/runtime/cluster_status.hpp"
#include "cluster/runtime/placement.hpp"
#include "events/caf_error.hpp"

#include <caf/result.hpp>

#include <string>

namespace pfms {

/// The id of the node that owns shard key `key` (up or not).
[[nodiscard]] inline const std::string& owner_of(const cluster_status& status,
                                                 const std::string& key) {
  const auto& ids = status.node_ids();
  return ids[owner_index(key, ids)];
}

/// The directory `field` of the node that owns shard key `key`: this node's
/// own, or the owner's while it is up; else the `node_unavailable` failure
/// naming the owner.
template <class Handle>
result<Handle> owner_handle(const cluster_status& status, const std::string& key,
                            Handle node_directories::*field) {
  const auto& owner = owner_of(status, key);
  Handle handle = status.directories_of(owner).*field;
  if (!handle)
    return make_failure(runtime_errc::node_unavailable,
                        "node " + owner + ", which holds this, is unavailable; retry shortly");
  return handle;
}

/// A router's route (actors/runtime/routing.hpp): every message goes to the
/// directory that `pick(message)` names (a `result<Handle>`); a request whose
/// directory is unavailable answers why.
template <class Self, class Pick>
struct picked_route {
  Self self;
  Pick pick;

  template <class... Outs, class First, class... Rest>
  caf::result<Outs...> ask(First& first, Rest&... rest) const {
    auto target = pick(first);
    if (!target)
      return to_caf_error(target.error());
    return self->delegate(*target, std::move(first), std::move(rest)...);
  }

  template <class First, class... Rest>
  void tell(First& first, Rest&... rest) const {
    if (auto target = pick(first))
      self->send(*target, std::move(first), std::move(rest)...);
  }
};

template <class Self, class Pick>
picked_route(Self, Pick) -> picked_route<Self, Pick>;

} // namespace pfms
