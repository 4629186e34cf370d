#pragma once

#include "actors/identity/email_claim.hpp"
#include "actors/identity/user_actor.hpp"
#include "actors/identity/user_messages.hpp"
#include "actors/runtime/entity_directory.hpp"
#include "actors/runtime/entity_env.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace pfms {

/// Users as the entity runtime sees them (actors/runtime/entity_directory.hpp).
struct user_traits {
  using handle = user_actor;
  using entity = user_entity;
  static constexpr const char* name = "user_directory";
  static const std::string& key(const auto& message) { return message.user_id; }
  static failure not_found();
  static std::atomic<std::uint64_t>* gauge(const entity_env& env) {
    return env.live != nullptr ? &env.live->users : nullptr;
  }
  /// The email claim actors are swept with the users; whether more may be idle.
  template <class Self>
  static bool sweep_also(Self self) {
    auto& claims = self->state.claims;
    const bool more = claims.passivate_idle(self, self->clock().now());
    self->state.stopped_unreleased += claims.take_stopped();
    return more;
  }
};

struct user_directory_state {
  runtime::entity_table<user_entity> entities;
  std::size_t stopped_unreleased = 0; ///< users and claims stopped since memory was last released
  runtime::entity_table<email_claim_entity> claims; ///< by registry stream, passivated as users are
  user_directory_actor front; ///< where users and emails are reached: self, or a cluster's router
  static inline const char* name = "user_directory";
};

/// The user directory's own handle: its interface, and its sweep.
using user_directory_self = directory_handle<user_directory_actor>;

/// Routes user commands by `user_id` to the user's actor (spawned on first
/// use, passivated when idle); ids that are not canonical UUIDs answer
/// `user_not_found`. Routes email claims and releases to the email's claim
/// actor (actors/identity/email_claim.hpp). Answers `email_query` from the registry
/// (through the claim actor when there is one, in order with its claims):
/// the user id the email's last claim names (who may since have changed
/// address or never registered: the caller checks the user's view), else
/// `user_not_found`.
///
/// `front` is where user actors send their claims and claim actors ask after
/// holders: in a cluster the router that finds each email's and user's node;
/// none is the directory itself.
user_directory_self::behavior_type
user_directory_fn(user_directory_self::stateful_pointer<user_directory_state> self,
                  entity_env env, user_directory_actor front);

} // namespace pfms
