#pragma once

#include "actors/group_actor.hpp"

#include <string>
#include <unordered_map>

namespace pfms {

struct group_directory_state {
  std::unordered_map<std::string, group_actor> groups;
  static inline const char* name = "group_directory";
};

/// Routes group commands and queries by `group_id` to the group's actor,
/// spawning it on first use and forgetting it when it stops. Ids that are not
/// canonical UUIDs answer `group_not_found` without spawning anything.
group_actor::behavior_type
group_directory_fn(group_actor::stateful_pointer<group_directory_state> self, entity_env env);

} // namespace pfms
