#include "http/runtime/bridge.hpp"

#include "http/runtime/internal/bridge.hpp"

#include <caf/actor_registry.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>

#include <chrono>

namespace pfms::http {

namespace {

struct bridge_state {
  internal::bridge_book book;
  static inline const char* name = "http_bridge";
};

caf::behavior bridge_fn(caf::stateful_actor<bridge_state>* self) {
  self->set_down_handler([self](caf::down_msg& down) { self->state.book.on_down(down); });
  return {
    [self](internal::bridge_job& job) { job(self, self->state.book); },
    [self](internal::drain_atom) {
      self->state.book.drain(make_failure(runtime_errc::unavailable, "the node is stopping"));
      return true;
    },
  };
}

} // namespace

void start_bridge(caf::actor_system& system) {
  system.registry().put(internal::bridge_atom::value, system.spawn(bridge_fn));
}

void stop_bridge(caf::actor_system& system) {
  auto bridge = system.registry().get<caf::actor>(internal::bridge_atom::value);
  system.registry().erase(internal::bridge_atom::value);
  if (!bridge)
    return;
  // Answer and drop every callback it holds here, before the front that
  // they belong to goes: never later, on one of CAF's threads.
  caf::scoped_actor self{system};
  self->request(bridge, std::chrono::seconds(5), internal::drain_atom::value)
    .receive([](bool) {}, [](caf::error&) {});
  caf::anon_send_exit(bridge, caf::exit_reason::user_shutdown);
}

} // namespace pfms::http
