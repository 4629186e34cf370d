#pragma once

// The messages between nodes, and the typed interface of the node actor each
// node publishes on its cluster port. Every type here crosses the wire: all
// are registered by `register_cluster_types`, on every node, at start.

#include "actors/group_messages.hpp"
#include "actors/loan_messages.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/typed_actor.hpp>

#include <string>

namespace pfms {

/// The entity directories a node serves to the others (more kinds join as
/// they are forwarded).
struct node_directories {
  loan_actor loans;
  group_actor groups;
};

/// A heartbeat, and the first question after a connect: who are you, and
/// where are your directories?
struct node_ping {
  std::string from_id;
};
struct node_pong {
  std::string node_id;
  node_directories directories;
};

using node_actor = caf::typed_actor<caf::replies_to<node_ping>::with<node_pong>>;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_directories& x) {
  return f(caf::meta::type_name("node_directories"), x.loans, x.groups);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_ping& x) {
  return f(caf::meta::type_name("node_ping"), x.from_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_pong& x) {
  return f(caf::meta::type_name("node_pong"), x.node_id, x.directories);
}

void register_cluster_types(caf::actor_system_config& cfg);

} // namespace pfms
