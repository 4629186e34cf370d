#pragma once

// Shared by the directories: one live actor per entity id, spawned on first
// use (virtual actors) and forgotten when it stops.

#include <caf/actor_system.hpp>
#include <caf/system_messages.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace pfms::actors::internal {

/// The live actor of `id`, spawning it with `spawn(system)` if there is none.
/// `gauge` (optional) follows the number of live actors.
template <class Handle, class Self, class Spawn>
Handle find_or_spawn(Self self, std::unordered_map<std::string, Handle>& live,
                     const std::string& id, Spawn spawn, std::atomic<std::uint64_t>* gauge) {
  if (auto it = live.find(id); it != live.end())
    return it->second;
  Handle spawned = spawn(self->system());
  self->monitor(spawned);
  live.emplace(id, spawned);
  if (gauge != nullptr)
    gauge->store(live.size(), std::memory_order_relaxed);
  return spawned;
}

/// Removes the actor at `source` from `live`, if it is there.
template <class Map>
void forget(Map& live, const caf::actor_addr& source, std::atomic<std::uint64_t>* gauge) {
  for (auto it = live.begin(); it != live.end(); ++it)
    if (it->second.address() == source) {
      live.erase(it);
      if (gauge != nullptr)
        gauge->store(live.size(), std::memory_order_relaxed);
      return;
    }
}

/// Makes `self` forget an actor of the map `live(self)` returns when it stops.
template <class Self, class LiveMap>
void forget_on_down(Self self, LiveMap live, std::atomic<std::uint64_t>* gauge) {
  self->set_down_handler(
    [self, live, gauge](caf::down_msg& down) { forget(live(self), down.source, gauge); });
}

} // namespace pfms::actors::internal
