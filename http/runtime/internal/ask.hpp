#pragma once

// Shared by the gateways and the cluster front: one request to an actor from
// the node's bridge, the reply handed to a callback. Only gateway and front
// translation units include it.

#include "events/caf_error.hpp"
#include "events/result.hpp"
#include "http/runtime/internal/bridge.hpp"

#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/system_messages.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace pfms::http::internal {

/// Sends `args` to `target` from the node's bridge (bridge.hpp) and hands the
/// reply (or the error, or `unavailable` after `timeout`) to `done`.
template <class Reply, class Handle, class... Args>
void ask(caf::actor_system& system, const Handle& target, std::chrono::milliseconds timeout,
         std::function<void(result<Reply>)> done, Args... args) {
  bridge_job job = [=](caf::event_based_actor* self) mutable {
    self->request(target, timeout, std::move(args)...)
      .then([done](Reply& reply) { done(std::move(reply)); },
            [done](caf::error& e) { done(from_caf_error(e)); });
  };
  if (auto bridge = system.registry().get<caf::actor>(bridge_atom::value))
    caf::anon_send(bridge, std::move(job));
  else
    system.spawn([job](caf::event_based_actor* self) mutable { job(self); });
}

/// Like `ask`, for a target on another node: the asker monitors it, so a
/// target lost before it answers (its node died) answers `node_unavailable`
/// at once rather than after `timeout`.
template <class Reply, class Handle, class... Args>
void ask_watching(caf::actor_system& system, const Handle& target,
                  std::chrono::milliseconds timeout, std::function<void(result<Reply>)> done,
                  Args... args) {
  system.spawn([=](caf::event_based_actor* self) mutable {
    auto answered = std::make_shared<bool>(false);
    auto once = [answered, done](result<Reply> r) {
      if (!std::exchange(*answered, true))
        done(std::move(r));
    };
    self->monitor(target);
    self->set_down_handler([=](caf::down_msg&) {
      once(make_failure(runtime_errc::node_unavailable,
                        "the node that holds this was lost while answering; retry shortly"));
      self->quit();
    });
    self->request(target, timeout, std::move(args)...)
      .then(
        [=](Reply& reply) mutable {
          once(std::move(reply));
          self->quit();
        },
        [=](caf::error& e) mutable {
          once(from_caf_error(e));
          self->quit();
        });
  });
}

} // namespace pfms::http::internal
