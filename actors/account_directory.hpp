#pragma once

#include "actors/account_actor.hpp"
#include "actors/account_messages.hpp"
#include "events/event_store.hpp"
#include "events/ids.hpp"

#include <string>
#include <unordered_map>

namespace pfms {

/// The directory's state: one live account actor per id.
struct account_directory_state {
  std::unordered_map<std::string, account_actor> accounts;
  static inline const char* name = "account_directory";
};

/// Routes account commands by `account_id` to the account's actor, spawning
/// it on first use (virtual actors) and forgetting it when it stops. Ids that
/// are not canonical UUIDs answer `account_not_found` without spawning
/// anything. Every account actor gets `env`, with `env.accounts` (the
/// account router of a cluster) or else this directory for its sagas.
account_actor::behavior_type
account_directory_fn(account_actor::stateful_pointer<account_directory_state> self, entity_env env);

} // namespace pfms
