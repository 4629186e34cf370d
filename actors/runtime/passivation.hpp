#pragma once

// What the entity runtime adds to every kind's interface: the directory asks
// an idle entity to stop (`passivate`), and wakes itself to sweep.

#include "events/clock.hpp"
#include "events/message_declaration.hpp"

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>

namespace pfms {

using passivate_atom = caf::atom_constant<caf::atom("passivate")>;
using sweep_atom = caf::atom_constant<caf::atom("sweep")>;

/// An entity's answer to `passivate`: whether it stopped. (What must wake it
/// later is a durable timer: actors/runtime/entity_timer.hpp.)
struct passivate_reply {
  bool stopped = false;
};

/// An entity's handle: its kind's interface (what the directory routes to it),
/// `passivate`, and the messages only it sends itself.
template <class Public, class... Private>
using entity_handle =
  typename Public::template extend<caf::replies_to<passivate_atom>::with<passivate_reply>,
                                   Private...>;

/// A directory's handle: the interface it routes, plus its sweep (`true`: the
/// timer's, which arms the next one).
template <class Public>
using directory_handle = typename Public::template extend<caf::reacts_to<sweep_atom, bool>>;

/// The `passivate` handler of an entity: it stops unless `busy()` (a saga of
/// its own in flight). Appends never overlap a passivate: an entity awaits
/// each append, holding its mailbox.
template <class Self, class Busy>
auto passivation(Self self, Busy busy) {
  return [=](passivate_atom) -> passivate_reply {
    if (busy())
      return {false};
    self->quit(); // the answer still goes out; the directory respawns it when asked
    return {true};
  };
}

PFMS_MESSAGE(passivate_reply);

} // namespace pfms
