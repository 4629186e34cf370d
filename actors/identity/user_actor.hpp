#pragma once

#include "actors/identity/user_messages.hpp"
#include "actors/runtime/entity_base.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/passivation.hpp"
#include "events/personal_data.hpp"

#include <optional>

namespace pfms {

struct user_actor_state : runtime::entity_base {
  user_state user;
  sealer seal; ///< seals and opens the user's personal fields; no key once erased
  std::optional<failure> broken; ///< set when recovery failed; every command answers it
  email_registry_actor registry; ///< where the user's email claims and releases go
  static inline const char* name = "user";
};

/// A user's actor: the user interface, and passivation.
using user_entity = entity_handle<user_actor>;

/// The CAF shell of one user (virtual actor, spawned by the user directory).
///
///   spawn ──► recover (chain-checked stream) ──► serve
///   register: decide ──► claim the email in the registry of the email's node
///             (actors/identity/email_claim.hpp) ──► append UserRegistered ──► reply
///   email:    decide ──► claim the new email ──► append EmailChanged ──►
///             release the old one (best effort) ──► reply
///   sessions: decide ──► append ──► evolve ──► reply (a reused refresh token
///             appends SessionRevoked, then answers refresh_token_reused)
///   erase:    append SessionEnded… + UserErased ──► destroy the key ──►
///             release the email (best effort) ──► reply (recovery destroys
///             the key of an interrupted one)
///
/// Every append and every claim is awaited, so the user is its stream's
/// single writer, and a claim's holder answers only after its own claim and
/// append. `registry` is the user directory that serves claims (its own
/// node's, or a cluster's router). Idle, it passivates: its claims are
/// awaited, and it has no timer.
user_entity::behavior_type user_actor_fn(user_entity::stateful_pointer<user_actor_state> self,
                                        entity_env env, std::string user_id,
                                        email_registry_actor registry);

/// The user's state from its stream after `start` (a snapshot; empty: the
/// beginning), up to `last_version`, with the hash chain checked, personal
/// fields opened by `seal`.
[[nodiscard]] result<user_state> recover_user(const event_store& store, const std::string& user_id,
                                              const sealer& seal,
                                              std::uint64_t last_version = UINT64_MAX,
                                              user_state start = {});

} // namespace pfms
