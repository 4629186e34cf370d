#include "http/runtime/bridge.hpp"

#include "http/runtime/internal/bridge.hpp"

#include <caf/actor_registry.hpp>
#include <caf/send.hpp>

namespace pfms::http {

void start_bridge(caf::actor_system& system) {
  auto bridge = system.spawn([](caf::event_based_actor* self) -> caf::behavior {
    return {[self](internal::bridge_job& job) { job(self); }};
  });
  system.registry().put(internal::bridge_atom::value, bridge);
}

void stop_bridge(caf::actor_system& system) {
  auto bridge = system.registry().get<caf::actor>(internal::bridge_atom::value);
  system.registry().erase(internal::bridge_atom::value);
  if (bridge)
    caf::anon_send_exit(bridge, caf::exit_reason::user_shutdown);
}

} // namespace pfms::http
