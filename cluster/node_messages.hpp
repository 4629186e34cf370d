#pragma once

// The messages between nodes, and the typed interface of the node actor each
// node publishes on its cluster port. Every type here crosses the wire: all
// are registered by `register_cluster_types`, on every node, at start.

#include <caf/actor_system_config.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/typed_actor.hpp>

#include <string>

namespace pfms {

/// A heartbeat, and the first question after a connect: who are you?
struct node_ping {
  std::string from_id;
};
struct node_pong {
  std::string node_id;
};

using node_actor = caf::typed_actor<caf::replies_to<node_ping>::with<node_pong>>;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_ping& x) {
  return f(caf::meta::type_name("node_ping"), x.from_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_pong& x) {
  return f(caf::meta::type_name("node_pong"), x.node_id);
}

void register_cluster_types(caf::actor_system_config& cfg);

} // namespace pfms
