#pragma once

#include "actors/runtime/entity_directory.hpp"
#include "actors/social/group_actor.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace pfms {

/// Groups as the entity runtime sees them (actors/runtime/entity_directory.hpp).
struct group_traits {
  using handle = group_actor;
  using entity = group_entity;
  static constexpr const char* name = "group_directory";
  static const std::string& key(const edit_group_expense& m) { return m.content.group_id; }
  static const std::string& key(const auto& message) { return message.group_id; }
  static failure not_found();
  static std::atomic<std::uint64_t>* gauge(const entity_env& env) {
    return env.live != nullptr ? &env.live->groups : nullptr;
  }
};

using group_directory_actor = runtime::directory_actor<group_traits>;

/// Routes group commands and queries by `group_id` to the group's actor,
/// spawning it on first use and passivating it when idle. Ids that are not
/// canonical UUIDs answer `group_not_found` without spawning anything.
group_directory_actor::behavior_type
group_directory_fn(runtime::directory_pointer<group_traits> self, entity_env env);

} // namespace pfms
