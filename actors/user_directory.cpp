#include "actors/user_directory.hpp"

#include "actors/email_claim.hpp"
#include "actors/internal/entity_directory.hpp"
#include "actors/user_actor.hpp"
#include "actors/user_codec.hpp"
#include "actors/user_error.hpp"
#include "events/caf_error.hpp"

namespace pfms {

namespace {

using self_ptr = user_directory_actor::stateful_pointer<user_directory_state>;

caf::error unknown_user() {
  return to_caf_error(make_failure(user_errc::user_not_found, "no such user"));
}

// Delegates `cmd` to its user's actor, or answers user_not_found.
template <class Reply, class Command, class... Rest>
caf::result<Reply> route(self_ptr self, const entity_env& env, const std::string& user_id,
                         Command cmd, Rest... rest) {
  if (!is_canonical_id(user_id))
    return unknown_user();
  auto target = actors::internal::find_or_spawn(
    self, self->state.users, user_id,
    [&](caf::actor_system& system) {
      return system.spawn(user_actor_fn, env, user_id, email_registry_actor{self->state.front});
    },
    env.live ? &env.live->users : nullptr);
  return self->delegate(target, std::move(cmd), std::move(rest)...);
}

// Delegates a registry command to its email's claim actor (spawned on first
// use); an address that is none is nobody's.
template <class Command, class... Rest>
caf::result<std::uint64_t> to_claim(self_ptr self, const entity_env& env, Command cmd, Rest... rest) {
  auto normalized = normalize_email(cmd.email);
  if (!normalized)
    return unknown_user();
  cmd.email = std::move(*normalized);
  auto target = actors::internal::find_or_spawn(
    self, self->state.claims, email_stream(cmd.email),
    [&](caf::actor_system& system) {
      return system.spawn(email_claim_fn, env, email_stream(cmd.email),
                          user_actor{self->state.front});
    },
    nullptr);
  return self->delegate(target, std::move(cmd), std::move(rest)...);
}

} // namespace

user_directory_actor::behavior_type user_directory_fn(self_ptr self, entity_env env,
                                                      user_directory_actor front) {
  self->state.front = front ? front : user_directory_actor{self};
  auto* gauge = env.live ? &env.live->users : nullptr;
  self->set_down_handler([self, gauge](caf::down_msg& down) {
    actors::internal::forget(self->state.users, down.source, gauge);
    actors::internal::forget(self->state.claims, down.source, nullptr);
  });
  return {
    [=](register_user& cmd, command_context& ctx) {
      return route<user_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](change_password& cmd, command_context& ctx) {
      return route<user_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](update_profile& cmd, command_context& ctx) {
      return route<user_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](erase_user& cmd, command_context& ctx) {
      return route<user_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](change_email& cmd, command_context& ctx) {
      return route<user_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](define_category& cmd, command_context& ctx) {
      return route<user_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](start_session& cmd, command_context& ctx) {
      return route<session_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](rotate_session& cmd, command_context& ctx) {
      return route<session_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](end_session& cmd, command_context& ctx) {
      return route<session_view>(self, env, cmd.user_id, cmd, ctx);
    },
    [=](user_query& q) { return route<user_view>(self, env, q.user_id, q); },
    [=](email_claim& c, command_context& ctx) { return to_claim(self, env, c, ctx); },
    [=](email_release& r) { return to_claim(self, env, r); },
    [=](email_query& q) -> caf::result<std::string> {
      // Lookups spawn nothing (logins may name any address): without a claim
      // actor the email has no claim or release in flight.
      auto normalized = normalize_email(q.email);
      if (!normalized)
        return unknown_user();
      const auto stream = email_stream(*normalized);
      if (auto it = self->state.claims.find(stream); it != self->state.claims.end())
        return self->delegate(it->second, email_query{*normalized});
      auto holder = email_holder(*env.store, stream);
      if (!holder)
        return to_caf_error(holder.error());
      return *holder;
    },
  };
}

} // namespace pfms
