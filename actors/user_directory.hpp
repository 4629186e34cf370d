#pragma once

#include "actors/entity_env.hpp"
#include "actors/user_messages.hpp"

#include <string>
#include <unordered_map>

namespace pfms {

struct user_directory_state {
  std::unordered_map<std::string, user_actor> users;
  std::unordered_map<std::string, email_registry_actor> claims; ///< by registry stream
  user_directory_actor front; ///< where users and emails are reached: self, or a cluster's router
  static inline const char* name = "user_directory";
};

/// Routes user commands by `user_id` to the user's actor (spawned on first
/// use, forgotten when it stops); ids that are not canonical UUIDs answer
/// `user_not_found`. Routes email claims and releases to the email's claim
/// actor (actors/email_claim.hpp). Answers `email_query` from the registry
/// (through the claim actor when there is one, in order with its claims):
/// the user id the email's last claim names (who may since have changed
/// address or never registered: the caller checks the user's view), else
/// `user_not_found`.
///
/// `front` is where user actors send their claims and claim actors ask after
/// holders: in a cluster the router that finds each email's and user's node;
/// none is the directory itself.
user_directory_actor::behavior_type
user_directory_fn(user_directory_actor::stateful_pointer<user_directory_state> self,
                  entity_env env, user_directory_actor front);

} // namespace pfms
