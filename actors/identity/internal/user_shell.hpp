#pragma once

// Users in the entity runtime, shared by the user actor (user_actor.cpp) and
// the tests of its snapshots.

#include "actors/identity/core/user_error.hpp"
#include "actors/identity/user_actor.hpp"
#include "actors/identity/user_codec.hpp"
#include "actors/runtime/entity_shell.hpp"

#include <cstdint>
#include <string>

namespace pfms::actors::internal {

using user_self = user_entity::stateful_pointer<user_actor_state>;

/// Users in the entity runtime (actors/runtime/entity_shell.hpp).
struct user_shell {
  using state = user_actor_state;
  using event = user_event;
  static auto& entity(auto& st) { return st.user; }
  static bool exists(const user_state& u) { return u.registered; }
  static std::string stream(const std::string& id) { return user_stream(id); }
  static failure not_found() { return make_failure(user_errc::user_not_found, "no such user"); }
  static failure stale() {
    return make_failure(user_errc::precondition_failed, "the user is at version ");
  }
  static result<user_state> recover_at(const state& st, std::uint64_t last_version) {
    return recover_user(*st.env.store, st.id, st.seal, last_version);
  }
  static new_event encode(const state& st, const user_event& e, event_metadata meta) {
    return encode_user_event(e, std::move(meta), st.seal);
  }
  /// A user's state holds only the user's own text; an erased user's stream is done.
  static constexpr std::uint32_t snapshot_salt = 1;
  static bool may_snapshot(const state& st, std::uint64_t) { return st.user.registered; }
  /// Publishes the user's view (before any reply).
  static void applied(user_self self);
};

} // namespace pfms::actors::internal
