#include "actors/user_directory.hpp"

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
    [&](caf::actor_system& system) { return system.spawn(user_actor_fn, env, user_id); },
    env.live ? &env.live->users : nullptr);
  return self->delegate(target, std::move(cmd), std::move(rest)...);
}

result<std::string> holder_of(const event_store& store, const std::string& email) {
  auto normalized = normalize_email(email);
  if (!normalized)
    return make_failure(user_errc::user_not_found, "no such user");
  const auto stream = email_stream(*normalized);
  auto version = store.stream_version(stream);
  if (!version)
    return version.error();
  auto last = *version == 0 ? result<std::vector<recorded_event>>(std::vector<recorded_event>{})
                            : store.read(stream, *version, 1);
  if (!last)
    return last.error();
  if (last->empty())
    return make_failure(user_errc::user_not_found, "no such user");
  auto user_id = decode_email_claimed(last->front());
  if (!user_id)
    return user_id.error();
  if (user_id->empty()) // released by erasure
    return make_failure(user_errc::user_not_found, "no such user");
  // A claim whose registration never landed names nobody.
  auto registered = store.stream_version(user_stream(*user_id));
  if (!registered || *registered == 0)
    return make_failure(user_errc::user_not_found, "no such user");
  return *user_id;
}

} // namespace

user_directory_actor::behavior_type user_directory_fn(self_ptr self, entity_env env) {
  actors::internal::forget_on_down(self, [](self_ptr s) -> auto& { return s->state.users; },
                                   env.live ? &env.live->users : nullptr);
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
    [=](email_query& q) -> caf::result<std::string> {
      auto holder = holder_of(*env.store, q.email);
      if (!holder)
        return to_caf_error(holder.error());
      return *holder;
    },
  };
}

} // namespace pfms
