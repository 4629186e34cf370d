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
#include <optional>
#include <string>
#include <utility>

namespace pfms::http::internal {

/// Runs `job` on the node's bridge (bridge.hpp); without one (tests that
/// build gateways alone), on a short-lived actor of its own.
inline void run_on_bridge(caf::actor_system& system, bridge_job job) {
  if (auto bridge = system.registry().get<caf::actor>(bridge_atom::value))
    return caf::anon_send(bridge, std::move(job));
  system.spawn([job = std::move(job)](caf::event_based_actor* self) mutable {
    auto book = std::make_shared<bridge_book>();
    self->set_down_handler([book](caf::down_msg& down) { book->on_down(down); });
    job(self, *book);
  });
}

/// Sends `args` to `target` from `self`, `done` held in `book` (watching
/// `watched` when given) and handed the reply or the error.
template <class Reply, class Handle, class... Args>
void request_held(caf::event_based_actor* self, bridge_book& book, const Handle& target,
                  std::chrono::milliseconds timeout, std::function<void(result<Reply>)> done,
                  std::optional<caf::actor_addr> watched, Args... args) {
  auto ticket = book.add<Reply>(self, std::move(done), std::move(watched));
  if (!ticket)
    return;
  self->request(target, timeout, std::move(args)...)
    .then(
      [self, &book, t = *ticket](Reply& reply) {
        if (auto held = book.take<Reply>(self, t))
          held(std::move(reply));
      },
      [self, &book, t = *ticket](caf::error& e) {
        if (auto held = book.take<Reply>(self, t))
          held(from_caf_error(e));
      });
}

/// Sends `args` to `target` from the node's bridge and hands the reply (or
/// the error, or `unavailable` after `timeout`) to `done`.
template <class Reply, class Handle, class... Args>
void ask(caf::actor_system& system, const Handle& target, std::chrono::milliseconds timeout,
         std::function<void(result<Reply>)> done, Args... args) {
  run_on_bridge(system, [=](caf::event_based_actor* self, bridge_book& book) mutable {
    request_held<Reply>(self, book, target, timeout, std::move(done), std::nullopt,
                        std::move(args)...);
  });
}

/// Like `ask`, for a target on another node: the bridge watches it (one
/// monitor however many requests wait on it), so a target lost before it
/// answers (its node died) answers `node_unavailable` at once rather than
/// after `timeout`.
template <class Reply, class Handle, class... Args>
void ask_watching(caf::actor_system& system, const Handle& target,
                  std::chrono::milliseconds timeout, std::function<void(result<Reply>)> done,
                  Args... args) {
  run_on_bridge(system, [=](caf::event_based_actor* self, bridge_book& book) mutable {
    request_held<Reply>(self, book, target, timeout, std::move(done), target.address(),
                        std::move(args)...);
  });
}

} // namespace pfms::http::internal
