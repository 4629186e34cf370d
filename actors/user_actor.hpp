#pragma once

#include "actors/entity_env.hpp"
#include "actors/user_messages.hpp"
#include "events/personal_data.hpp"

#include <optional>

namespace pfms {

struct user_actor_state {
  user_state user;
  sealer seal; ///< seals and opens the user's personal fields; no key once erased
  std::optional<failure> broken; ///< set when recovery failed; every command answers it
  static inline const char* name = "user";
};

/// The CAF shell of one user (virtual actor, spawned by the user directory).
///
///   spawn ──► recover (chain-checked stream) ──► serve
///   register: decide ──► claim "email-<hash>" (expected no_stream; an orphaned
///             claim, whose user never registered, is taken over) ──► append
///             UserRegistered ──► reply
///   sessions: decide ──► append ──► evolve ──► reply (a reused refresh token
///             appends SessionRevoked, then answers refresh_token_reused)
///   erase:    append SessionEnded… + UserErased ──► release the email ──►
///             destroy the key ──► reply (recovery finishes an interrupted one)
///
/// Every append is awaited, so the user is its stream's single writer.
user_actor::behavior_type user_actor_fn(user_actor::stateful_pointer<user_actor_state> self,
                                        entity_env env, std::string user_id);

/// The user's state from its stream, with the hash chain checked, personal
/// fields opened by `seal`.
[[nodiscard]] result<user_state> recover_user(const event_store& store, const std::string& user_id,
                                              const sealer& seal,
                                              std::uint64_t last_version = UINT64_MAX);

} // namespace pfms
