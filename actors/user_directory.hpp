#pragma once

#include "actors/entity_env.hpp"
#include "actors/user_messages.hpp"

#include <string>
#include <unordered_map>

namespace pfms {

struct user_directory_state {
  std::unordered_map<std::string, user_actor> users;
  static inline const char* name = "user_directory";
};

/// Routes user commands by `user_id` to the user's actor (spawned on first
/// use, forgotten when it stops); ids that are not canonical UUIDs answer
/// `user_not_found`. Answers `email_query` from the email registry: the user
/// id of a registered user holding that email, else `user_not_found`.
user_directory_actor::behavior_type
user_directory_fn(user_directory_actor::stateful_pointer<user_directory_state> self,
                  entity_env env);

} // namespace pfms
