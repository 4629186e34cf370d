#pragma once

// Membership: this node publishes its node actor on its cluster port and
// keeps a connection to every other configured node.
//
//   per peer:  connecting ──connect + ping answered by the right id──► up
//                  ▲  (retry with backoff)                             │
//                  └──── down ◄── connection dropped (down_msg) or ────┘
//                               no heartbeat answer for peer_timeout
//
// Heartbeats: every `heartbeat` each up peer is pinged; a ping unanswered
// within `peer_timeout` marks it down. A SIGKILLed peer's connection drops
// at once; a hung one misses its heartbeats: either way it is down within
// peer_timeout + heartbeat (2 s by default). A down peer is reconnected with
// backoff (100 ms doubling to 1 s), so a returning node is up again within
// about a second of listening.

#include "cluster/runtime/cluster_status.hpp"
#include "cluster/runtime/node_messages.hpp"
#include "events/clock.hpp"
#include "events/result.hpp"

#include <caf/actor.hpp>

namespace pfms {

/// The node actor: answers pings with this node's id and its directories.
node_actor::behavior_type node_actor_fn(node_actor::pointer self, std::string node_id,
                                        node_directories directories);

/// The actors of this node's membership; both empty for a single node.
struct cluster_actors {
  node_actor node;
  caf::actor membership;
  /// Stops both (before the actor system goes down).
  void stop() const;
};

/// For a clustered config: spawns the node actor, publishes it on this node's
/// cluster port (bound to its configured host) and starts the membership
/// actor, which keeps `status` current. Fails when the port cannot be bound.
/// Nothing for a single node. `status` and `time` must outlive the system.
/// `local` are this node's directories, served to the peers.
[[nodiscard]] result<cluster_actors> start_cluster(caf::actor_system& system,
                                                   cluster_status& status, const clock& time,
                                                   node_directories local);

/// The middleman settings for membership: BASP heartbeats on, so a
/// connection that went silent is closed (to be loaded before the system starts).
void configure_middleman(caf::actor_system_config& cfg, const cluster_config& config);

} // namespace pfms
