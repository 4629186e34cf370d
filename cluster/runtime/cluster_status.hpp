#pragma once

// What this node knows of each configured peer: for GET /admin/cluster, and
// for the routers (a down peer's directories are empty: 503 at once). The membership
// actor writes; any thread reads a copy.

#include "cluster/runtime/cluster_config.hpp"
#include "cluster/runtime/node_messages.hpp"
#include "events/clock.hpp"

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

enum class peer_state : std::uint8_t {
  connecting = 1, ///< never reached since this node started
  up = 2,         ///< connected, answering heartbeats
  down = 3,       ///< was up; lost (connection dropped or heartbeats unanswered)
};

[[nodiscard]] std::string_view to_string(peer_state s);

struct peer_status {
  cluster_member member;
  peer_state state = peer_state::connecting;
  time_us since_us = 0;           ///< when it entered `state` (the node's clock)
  std::string last_error;         ///< why the last connect or heartbeat failed; "" none
  std::uint64_t round_trip_us = 0; ///< of the last answered heartbeat
  std::uint64_t connects = 0;     ///< how often it came up
  friend bool operator==(const peer_status&, const peer_status&) = default;
};

class cluster_status {
public:
  /// Every peer of `config` (all but this node), connecting since `now_us`.
  cluster_status(const cluster_config& config, time_us now_us);

  [[nodiscard]] const cluster_config& config() const { return config_; }
  /// A copy of every peer's status, in the configured order.
  [[nodiscard]] std::vector<peer_status> peers() const;
  /// The directories of node `id`: this node's own (once set), a peer's
  /// while it is up; empty handles otherwise.
  [[nodiscard]] node_directories directories_of(std::string_view id) const;
  /// This node's own directories, set once they are spawned (before any
  /// request can arrive).
  void set_own(node_directories own);
  /// The configured ids in order, for placement.
  [[nodiscard]] const std::vector<std::string>& node_ids() const { return node_ids_; }

  /// Replaces peer `status.member.id`'s status (ignored for an unknown id),
  /// with the directories it serves while up.
  void update(const peer_status& status, node_directories directories = {});

private:
  cluster_config config_;
  mutable std::mutex mutex_;
  std::vector<std::string> node_ids_;
  std::vector<peer_status> peers_;
  std::vector<node_directories> directories_; ///< by peer, as peers_
  node_directories own_;
};

} // namespace pfms
