#pragma once

#include "actors/account_core.hpp"
#include "actors/messages.hpp"
#include "events/event_store.hpp"
#include "events/ids.hpp"

#include <optional>
#include <string>

namespace pfms {

/// The account actor's state: the core's state, or why recovery failed.
struct account_actor_state {
  account_state account;
  std::optional<failure> broken; ///< set when recovery failed; every command answers it
  static inline const char* name = "account";
};

/// The CAF shell of one account (virtual actor, spawned by the directory).
///
///   spawn ──► recover (read stream, evolve) ──► serve
///   serve: command ──► decide ──► append (synced) ──► evolve ──► reply
///
/// A command is handled completely, append included, before the next one
/// starts, so the actor is its stream's single writer. On a rejection for an
/// account that does not exist, or on a failed append, it quits: the next
/// command then starts from the log. The store and the id generator must
/// outlive the actor system.
account_actor::behavior_type
account_actor_fn(account_actor::stateful_pointer<account_actor_state> self, event_store* store,
                 const id_generator* ids, std::string account_id);

} // namespace pfms
