#pragma once

// The user directory's email claim actors: one live actor per email, spawned
// on first use and forgotten when it stops. (Entities are kept by
// actors/runtime/entity_table.hpp, which also passivates them.)

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

} // namespace pfms::actors::internal
