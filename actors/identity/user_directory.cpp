#include "actors/identity/user_directory.hpp"

#include "actors/identity/core/user_error.hpp"
#include "actors/identity/email_claim.hpp"
#include "actors/identity/user_codec.hpp"
#include "events/caf_error.hpp"

namespace pfms {

failure user_traits::not_found() {
  return make_failure(user_errc::user_not_found, "no such user");
}

namespace {

using self_ptr = user_directory_self::stateful_pointer<user_directory_state>;

caf::error unknown_user() {
  return to_caf_error(user_traits::not_found());
}

// Hands a registry command to its email's claim actor (spawned on first use,
// passivated when idle); an address that is none is nobody's.
template <class Command, class... Rest>
caf::result<std::uint64_t> to_claim(self_ptr self, Command cmd, Rest... rest) {
  auto normalized = normalize_email(cmd.email);
  if (!normalized)
    return unknown_user();
  cmd.email = std::move(*normalized);
  const auto stream = email_stream(cmd.email);
  return self->state.claims.template ask<std::uint64_t>(self, stream, cmd, rest...);
}

} // namespace

user_directory_self::behavior_type user_directory_fn(self_ptr self, entity_env env,
                                                     user_directory_actor front) {
  self->state.front = front ? front : caf::actor_cast<user_directory_actor>(self);
  auto spawn = [self, env](const std::string& id) {
    return self->system().spawn(user_actor_fn, env, id, email_registry_actor{self->state.front});
  };
  auto behavior = runtime::directory_behavior<user_traits, user_directory_self::behavior_type>(
    self, env, spawn,
    [=](email_claim& c, command_context& ctx) { return to_claim(self, c, ctx); },
    [=](email_release& r) { return to_claim(self, r); },
    [=](email_query& q) -> caf::result<std::string> {
      // Lookups spawn nothing (logins may name any address): without a claim
      // actor the email has no claim or release in flight.
      auto normalized = normalize_email(q.email);
      if (!normalized)
        return unknown_user();
      const auto stream = email_stream(*normalized);
      if (self->state.claims.holds(stream)) {
        email_query query{*normalized};
        return self->state.claims.template ask<std::string>(self, stream, query);
      }
      auto holder = email_holder(*env.store, stream);
      if (!holder)
        return to_caf_error(holder.error());
      return *holder;
    });
  self->state.claims.configure(
    [self, env](const std::string& stream) {
      return self->system().spawn(email_claim_fn, env, stream, user_actor{self->state.front});
    },
    {env.passivate_after, 1024, 10'000, env.live != nullptr ? &env.live->email_claims : nullptr});
  self->set_down_handler([self](caf::down_msg& down) {
    self->state.entities.on_down(self, down);
    self->state.claims.on_down(self, down);
  });
  return behavior;
}

} // namespace pfms
