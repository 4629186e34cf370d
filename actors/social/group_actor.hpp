#pragma once

#include "actors/runtime/entity_base.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/passivation.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "actors/social/group_messages.hpp"
#include "events/event_store.hpp"

#include <optional>
#include <string>

namespace pfms {

struct group_actor_state : runtime::entity_base {
  group_state group;
  std::optional<writer_keys> keys; ///< made at recovery, again after an erasure in the store
  std::optional<failure> broken; ///< set when recovery failed; every command answers it
  static inline const char* name = "group";
};

/// A group's actor: the group interface, and passivation.
using group_entity = entity_handle<group_actor>;

/// The CAF shell of one group (virtual actor, spawned by the group directory).
///
///   spawn ──► recover (the whole chain-checked stream) ──► serve
///   serve: command ──► decide ──► append through the journal, await ──► evolve ──► reply
///
/// Members see and change the group; anyone else gets `group_not_found`, as
/// for a group that does not exist (an invitee may see it before joining).
/// Idle, it passivates: it has no saga or timer of its own.
group_entity::behavior_type
group_actor_fn(group_entity::stateful_pointer<group_actor_state> self, entity_env env,
               std::string group_id);

/// The group as its stream says from `start` (a snapshot; empty: the beginning), up to `last_version`, its text opened by `keys`.
[[nodiscard]] result<group_state> recover_group(const event_store& store, writer_keys& keys,
                                                const std::string& group_id,
                                                std::uint64_t last_version = UINT64_MAX,
                                                group_state start = {});

/// A group as its members see it.
[[nodiscard]] group_view view_of(const group_state& s);

/// The page of `s`'s expenses that `q` asks for.
[[nodiscard]] result<expense_page> expenses_of(const group_state& s,
                                               const group_expenses_query& q);

} // namespace pfms
