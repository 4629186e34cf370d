#pragma once

// The one directory of every entity kind: routes each message of the kind's
// interface by its key to the entity's actor (actors/runtime/entity_table.hpp)
// and sweeps idle entities and due wakes.
//
// A kind states what differs in a small traits type:
//
//   struct account_traits {
//     using handle = account_actor;            // what the directory routes
//     using entity = account_entity;           // handle + passivate + private
//     static constexpr const char* name = "account_directory";
//     static const std::string& key(const auto& message);
//     static failure not_found();
//     static std::atomic<std::uint64_t>* gauge(const entity_env&);
//     // optional, for a kind with durable timers (actors/runtime/entity_timer.hpp):
//     static wake_loan wake_message(const std::string& id);
//     static constexpr const char* stream_kind = "loan";  // its streams: loan-<id>
//     // optional: template <class Self> static bool sweep_also(Self self);
//     //   sweeps what else the directory keeps (the user directory's email
//     //   claims); whether more may be idle
//   };

#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/entity_table.hpp"
#include "actors/runtime/passivation.hpp"
#include "actors/runtime/routing.hpp"
#include "events/ids.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <string>

namespace pfms::runtime {

template <class Traits>
struct directory_state {
  entity_table<typename Traits::entity> entities;
  std::size_t stopped_unreleased = 0; ///< entities stopped since memory was last released
  static inline const char* name = Traits::name;
};

/// Hands every message to the entity its key names; a key that is not a
/// canonical id answers the kind's not-found without spawning anything.
template <class Traits, class Self>
struct directory_route {
  Self self;

  template <class... Outs, class First, class... Rest>
  caf::result<Outs...> ask(First& first, Rest&... rest) const {
    const std::string& id = Traits::key(first);
    if (!is_canonical_id(id))
      return to_caf_error(Traits::not_found());
    return self->state.entities.template ask<Outs...>(self, id, first, rest...);
  }

  template <class First, class... Rest>
  void tell(First& first, Rest&... rest) const {
    const std::string& id = Traits::key(first);
    if (is_canonical_id(id))
      self->state.entities.tell(self, id, first, rest...);
  }
};

template <class Traits>
concept timed_traits = requires(const std::string& id) {
  Traits::wake_message(id);
  Traits::stream_kind;
};

/// At most this many entities woken per sweep.
inline constexpr std::size_t wakes_per_sweep = 1024;

/// Wakes the entities whose durable timer is due (actors/runtime/entity_timer.hpp),
/// whether they are live or passivated. Each settles its timer, so the next
/// sweep finds it no more (or again, if it could not act: a retry).
template <class Traits, class Self>
void wake_due(Self self, const entity_env& env) {
  const std::string_view kind = Traits::stream_kind;
  auto due = env.store->due_timers(kind, env.time->now_us(), wakes_per_sweep);
  if (!due)
    return; // an unreadable timer family: the next sweep tries again
  for (const auto& timer : *due) {
    const auto id = timer.stream.substr(kind.size() + 1);
    auto wake = Traits::wake_message(id);
    self->state.entities.tell(self, id, wake);
  }
}

/// Passivates what is idle, wakes what is due and, once enough entities have
/// stopped, gives their memory back; `timer`: arm the next sweep.
template <class Traits, class Self>
void sweep(Self self, const entity_env& env, bool timer) {
  auto& table = self->state.entities;
  bool more = table.passivate_idle(self, self->clock().now());
  if constexpr (requires { Traits::sweep_also(self); })
    more = Traits::sweep_also(self) || more;
  if constexpr (timed_traits<Traits>)
    wake_due<Traits>(self, env);
  self->state.stopped_unreleased += table.take_stopped();
  if (env.release_memory && self->state.stopped_unreleased >= env.release_after) {
    env.release_memory();
    self->state.stopped_unreleased = 0;
  }
  if (more)
    self->send(self, sweep_atom::value, false);
  if (timer)
    self->delayed_send(self, env.sweep_every, sweep_atom::value, true);
}

/// The directory's behavior: `Behavior` routes `Traits::handle` to entities
/// made by `spawn(id)`, sweeps, and takes the `extra` handlers for whatever
/// else its interface holds. Sweeps run every `env.sweep_every` (never when 0).
template <class Traits, class Behavior, class Self, class... Extra>
Behavior directory_behavior(Self self, const entity_env& env,
                            typename entity_table<typename Traits::entity>::spawn_fn spawn,
                            Extra... extra) {
  self->state.entities.configure(std::move(spawn),
                                 {env.passivate_after, 1024, 10'000, Traits::gauge(env)});
  self->set_down_handler([self](caf::down_msg& down) { self->state.entities.on_down(self, down); });
  if (env.sweep_every.count() > 0)
    self->delayed_send(self, env.sweep_every, sweep_atom::value, true);
  if constexpr (timed_traits<Traits>)
    wake_due<Traits>(self, env); // what fell due while the node was down; nothing passivated
  return routing_behavior<Behavior, typename Traits::handle>(
    directory_route<Traits, Self>{self},
    [self, env](sweep_atom, bool timer) { sweep<Traits>(self, env, timer); }, std::move(extra)...);
}

/// The directory of a kind whose interface is exactly what it routes.
template <class Traits>
using directory_actor = directory_handle<typename Traits::handle>;

template <class Traits>
using directory_pointer =
  typename directory_actor<Traits>::template stateful_pointer<directory_state<Traits>>;

} // namespace pfms::runtime
