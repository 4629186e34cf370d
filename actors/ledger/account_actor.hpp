#pragma once

#include "actors/ledger/account_messages.hpp"
#include "actors/ledger/core/account_core.hpp"
#include "actors/runtime/entity_base.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/append_outcome.hpp"
#include "actors/runtime/passivation.hpp"
#include "events/event_store.hpp"
#include "events/ids.hpp"
#include "events/personal_data.hpp"

#include <optional>
#include <set>
#include <string>

namespace pfms {

/// The account actor's state: the core's state, or why recovery failed.
struct account_actor_state : runtime::entity_base {
  account_state account;
  sealer seal; ///< the owner's key: seals the name and notes
  std::uint64_t key_epoch = 0; ///< the store's erasure epoch when `seal` was checked
  std::optional<failure> broken; ///< set when recovery failed; every command answers it
  /// Held transfers whose credit request is on its way (one at a time each).
  std::set<std::string> crediting;
  /// Destination terms asked for and not yet answered (a transfer starting).
  std::size_t asking = 0;
  static inline const char* name = "account";
};

/// An account's actor: the account interface, and passivation.
using account_entity = entity_handle<account_actor>;

/// The CAF shell of one account (virtual actor, spawned by the directory).
///
///   spawn ──► recover (latest snapshot + chain-checked tail) ──► serve
///   serve: command ──► decide ──► hand the append to the store, await its outcome
///          (other commands wait in the mailbox) ──► evolve ──► snapshot? ──► reply
///
/// The actor is its stream's single writer: `await` holds every other
/// message until the append is durable. Idle, it passivates unless a
/// transfer it started is still under way. On a rejection for an account that
/// does not exist, or on a failed append, it quits; the next command then
/// starts from the log.
account_entity::behavior_type
account_actor_fn(account_entity::stateful_pointer<account_actor_state> self, entity_env env,
                 std::string account_id);

/// The state of `account_id` from the store: the latest snapshot of the
/// known format, then the tail with its hash chain checked; a snapshot that
/// does not decode or is of another format means a full replay. Used by the
/// actor and by tests (snapshot + tail must equal full replay). With
/// `last_version`, the state as of that version (use no snapshot then).
/// Personal fields are opened with the owner's key (`erased_text` once the
/// owner is erased).
/// The account as its log said at `as_of` (record time), from every event
/// recorded then or before; no snapshot. Not opened then: an unopened state.
[[nodiscard]] result<account_state> account_as_of(const event_store& store,
                                                  const std::string& account_id, time_us as_of);

[[nodiscard]] result<account_state> recover_account(const event_store& store,
                                                    const std::string& account_id,
                                                    bool use_snapshot = true,
                                                    std::uint64_t last_version = UINT64_MAX);

} // namespace pfms
