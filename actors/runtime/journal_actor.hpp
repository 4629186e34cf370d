#pragma once

#include "events/event_store.hpp"
#include "events/message_declaration.hpp"

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <cstdint>
#include <unordered_map>

namespace pfms {

using journal_done_atom = caf::atom_constant<caf::atom("jdone")>;

/// The node's journal as an actor: entity actors `request(...).await(...)`
/// an append, so they neither block a worker during the fsync nor take a
/// second command before the first is durable.
using journal_actor = caf::typed_actor<
  caf::replies_to<append_request>::with<append_result>,
  caf::reacts_to<journal_done_atom, std::uint64_t, append_result>,
  caf::reacts_to<journal_done_atom, std::uint64_t, caf::error>>;

struct journal_actor_state {
  static constexpr std::size_t waiting_max = event_store::queue_appends_max;
  std::unordered_map<std::uint64_t, caf::typed_response_promise<append_result>> waiting;
  std::uint64_t next_token = 0;
  static inline const char* name = "journal";
};

/// Hands each append to `store` (group commit happens there) and answers it
/// when the journal thread reports the outcome back as a `jdone` message.
/// The store must outlive the actor system.
journal_actor::behavior_type
journal_actor_fn(journal_actor::stateful_pointer<journal_actor_state> self, event_store* store);

PFMS_MESSAGE(new_event);
PFMS_MESSAGE(expected_version);
PFMS_MESSAGE(append_request);
PFMS_MESSAGE(append_result);

} // namespace pfms
