#pragma once

// Where an entity lives: rendezvous (highest random weight) hashing of its
// shard key over the configured node ids. Pure.
//
// A user and the user's accounts share the user's id as shard key; groups and
// loans are placed by their own id. Placement depends only on the configured
// ids (never on which nodes are up), so an entity has exactly one owner and a
// down node's entities wait for it rather than moving. Adding a node moves
// only the keys the new node wins (about 1/n of them); removing one moves only
// its own.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The weight of `node_id` for `shard_key`: a 64-bit mix (FNV-1a, then the
/// splitmix64 finalizer) of the two, separated by a 0 byte.
[[nodiscard]] std::uint64_t rendezvous_score(std::string_view node_id, std::string_view shard_key);

/// The index into `node_ids` of the node with the highest score for
/// `shard_key` (ties, astronomically rare, go to the smaller id). `node_ids`
/// must not be empty.
[[nodiscard]] std::size_t owner_index(std::string_view shard_key,
                                      const std::vector<std::string>& node_ids);

} // namespace pfms
