#pragma once

// Carries an erasure to every node. A person's key lives on their home node,
// but a group on another node seals the text they wrote there under that
// node's key of them (actors/runtime/writer_keys.hpp). The home node's erasure puts
// the person in its store's erasure outbox in the same batch as the key's
// tombstone; this node's courier then asks each peer's courier to destroy
// its key too, and records each peer that did. A down peer is asked again
// each period until it has answered; the outbox is on disk, so a restart
// resumes. On a single node the outbox empties at the first tick.
//
//   outbox row ──tick──► forget → each peer not yet done ──► done nodes += peer
//                                                           └─ all done: row deleted

#include "cluster/runtime/cluster_status.hpp"
#include "cluster/runtime/node_messages.hpp"
#include "events/event_store.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>

namespace pfms {

struct erasure_courier_state {
  /// Outbox rows read per tick, and how long a peer has to answer `forget`
  /// (its flush and compaction included).
  static constexpr std::size_t notices_per_tick = 64;
  static constexpr std::chrono::seconds forget_timeout{10};
  std::set<std::pair<std::string, std::string>> asking; ///< (subject, node) in flight
  static inline const char* name = "erasure_courier";
};

/// `store` and `cluster` outlive the actor system; `period` is the time
/// between ticks. `forget` blocks its worker thread on the store's flush and
/// compaction, as the user actor's own erasure does: erasures are rare. (Not
/// detached: the cluster's copies of its handle would keep a detached
/// actor's thread, and so the actor system's shutdown, waiting.)
erasure_courier_actor::behavior_type
erasure_courier_fn(erasure_courier_actor::stateful_pointer<erasure_courier_state> self,
                   event_store* store, const cluster_status* cluster,
                   std::chrono::milliseconds period);

} // namespace pfms
