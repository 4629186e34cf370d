#pragma once

// Groups in the entity runtime, shared by the group actor (group_actor.cpp)
// and the tests of its snapshots.

#include "actors/runtime/entity_shell.hpp"
#include "actors/runtime/keyed_shell.hpp"
#include "actors/social/core/group_error.hpp"
#include "actors/social/group_actor.hpp"
#include "actors/social/group_codec.hpp"

#include <cstdint>
#include <string>

namespace pfms::actors::internal {

/// Groups in the entity runtime (actors/runtime/entity_shell.hpp).
struct group_shell : runtime::keyed_shell<group_shell> {
  using state = group_actor_state;
  using event = group_event;
  static constexpr auto recover = recover_group;
  static constexpr auto encode_event = encode_group_event;
  static constexpr std::uint32_t snapshot_salt = 1;
  static auto& entity(auto& st) { return st.group; }
  static bool exists(const group_state& g) { return g.created; }
  static std::string stream(const std::string& id) { return group_stream(id); }
  static failure not_found() { return make_failure(group_errc::group_not_found, "no such group"); }
  static failure stale() {
    return make_failure(group_errc::precondition_failed, "the group is at version ");
  }
};

} // namespace pfms::actors::internal
