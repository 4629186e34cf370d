#pragma once

// The static cluster configuration: the same list of nodes on every node,
// and which of them this node is. Pure: parsing and checks only.
//
//   node_id       = n1
//   cluster_nodes = n1=127.0.0.1:7101,n2=127.0.0.1:7102,n3=127.0.0.1:7103
//
// No `cluster_nodes`: a single node, no cluster port, no peers.

#include "events/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

inline constexpr std::size_t cluster_nodes_max = 64;
inline constexpr std::size_t node_id_max = 32;

/// One configured node: its id and the host:port of its cluster listener.
struct cluster_member {
  std::string id;   ///< 1–32 of a-z 0-9 _ -
  std::string host; ///< a host name or IPv4 address, as given
  std::uint16_t port = 0;
  friend bool operator==(const cluster_member&, const cluster_member&) = default;
};

struct cluster_config {
  std::string self_id;                 ///< this node's id; one of `members`
  std::vector<cluster_member> members; ///< in the configured order; empty: no cluster
  /// Each peer is pinged this often; a peer that has not answered for
  /// `peer_timeout` (or whose connection dropped) is down.
  std::chrono::milliseconds heartbeat{500};
  std::chrono::milliseconds peer_timeout{1500};
  /// Reconnects to a down peer back off from the first delay, doubling, to the cap.
  std::chrono::milliseconds reconnect_first{100};
  std::chrono::milliseconds reconnect_max{1000};

  [[nodiscard]] bool clustered() const { return !members.empty(); }
  /// This node's entry; only for a clustered config.
  [[nodiscard]] const cluster_member& self() const;
  /// The configured ids in order (what placement hashes over).
  [[nodiscard]] std::vector<std::string> node_ids() const;
};

/// Parses `nodes` ("id=host:port,…"; "" for a single node) and checks it: ids
/// unique and well formed, ports 1–65535, host:port unique, at most 64 nodes,
/// and `self_id` among them. Errors (runtime `unavailable`: the node does not start) say which.
[[nodiscard]] result<cluster_config> parse_cluster_config(std::string_view self_id,
                                                          std::string_view nodes);

/// "host:port" of a member.
[[nodiscard]] std::string address_of(const cluster_member& m);

} // namespace pfms
