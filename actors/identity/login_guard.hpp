#pragma once

// The node's login guard: failed password checks counted per key (an account
// or a client address) in fixed windows (actors/identity/core/failure_window.hpp), kept on
// disk so a restart forgets nothing. In a cluster each key is guarded by the
// node that owns it (by rendezvous over the key text), so the limits hold
// across every front (http/identity/login_limiter.hpp).
//
//   check: key → seconds to wait (0: a try is allowed)
//   fail:  key → one more failure, durable before the answer → its count
//   clear: key → its failures forgotten (a success), durable → 0
//
// Keys are stored as their SHA-256, never as text: the family holds no email
// or address. Windows are read on first use and kept in memory (at most
// `keys_max`, then the ended ones go, then all: disk still has them); ended
// windows are deleted from disk at start and once every window.

#include "actors/identity/core/failure_window.hpp"
#include "events/clock.hpp"
#include "events/event_store.hpp"

#include <caf/atom.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace pfms {

using guard_check_atom = caf::atom_constant<caf::atom("gcheck")>;
using guard_fail_atom = caf::atom_constant<caf::atom("gfail")>;
using guard_clear_atom = caf::atom_constant<caf::atom("gclear")>;
using guard_sweep_atom = caf::atom_constant<caf::atom("gsweep")>;

/// The guard's interface. `failures_max` is the key's limit in one window.
using login_guard_actor = caf::typed_actor<
  caf::replies_to<guard_check_atom, std::string, std::int32_t>::with<std::int64_t>,
  caf::replies_to<guard_fail_atom, std::string>::with<std::int64_t>,
  caf::replies_to<guard_clear_atom, std::string>::with<std::int64_t>,
  caf::reacts_to<guard_sweep_atom>>;

/// The store family the guard keeps its windows in (the node opens the store
/// with it).
inline constexpr const char* login_attempts_family = "login_attempts";

struct login_guard_state {
  static constexpr std::size_t keys_max = 100'000;
  std::unordered_map<std::string, failure_window> windows; ///< by key digest
};

/// `store` (with `login_attempts_family`) and `time` outlive the actor system.
/// A store error answers `io`; the caller decides what a missing answer means.
login_guard_actor::behavior_type
login_guard_fn(login_guard_actor::stateful_pointer<login_guard_state> self, event_store* store,
               const clock* time);

} // namespace pfms
