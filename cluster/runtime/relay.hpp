#pragma once

// The serving side of a relayed HTTP request: a node's front actor hands a
// request from another node to this node's router and sends the router's
// answer back. The router is bound late (it exists only once the HTTP front
// does), through a slot.

#include "cluster/runtime/node_messages.hpp"

#include <caf/response_promise.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace pfms {

/// Thread-safe holder of the local handler of relayed requests; empty
/// before the front is up and after it stopped (requests then answer 503).
class relay_slot {
public:
  using reply = std::function<void(relayed_response)>;
  using handler = std::function<void(relayed_request, reply)>;

  void bind(handler h) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(h);
  }
  /// The bound handler (empty when none).
  [[nodiscard]] handler get() const {
    std::lock_guard lock(mutex_);
    return handler_;
  }

private:
  mutable std::mutex mutex_;
  handler handler_;
};

/// Relayed requests this node serves at once; past it: 503 node_unavailable.
inline constexpr std::size_t relayed_max = 4096;

struct front_state {
  std::uint64_t next = 0;
  std::unordered_map<std::uint64_t, caf::typed_response_promise<relayed_response>> waiting;
  static inline const char* name = "front";
};

/// The front actor: serves each relayed request through `slot` and answers
/// the relaying node with the response. `slot` must outlive the actor.
front_actor::behavior_type front_actor_fn(front_actor::stateful_pointer<front_state> self,
                                          const relay_slot* slot);

} // namespace pfms
