#pragma once

// Shared by the gateways: one request to an actor from a short-lived actor,
// the reply handed to a callback. Only gateway translation units include it.

#include "events/caf_error.hpp"
#include "events/result.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <functional>

namespace pfms::http::internal {

/// Spawns an actor that sends `args` to `target`, hands the reply (or the
/// error, or `unavailable` after `timeout`) to `done`, and ends.
template <class Reply, class Handle, class... Args>
void ask(caf::actor_system& system, const Handle& target, std::chrono::milliseconds timeout,
         std::function<void(result<Reply>)> done, Args... args) {
  system.spawn([=](caf::event_based_actor* self) mutable {
    self->request(target, timeout, std::move(args)...)
      .then([done](Reply& reply) { done(std::move(reply)); },
            [done](caf::error& e) { done(from_caf_error(e)); });
  });
}

} // namespace pfms::http::internal
