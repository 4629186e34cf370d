#include "actors/group_directory.hpp"

#include "actors/group_error.hpp"
#include "actors/internal/entity_directory.hpp"
#include "events/caf_error.hpp"
#include "events/ids.hpp"

namespace pfms {

namespace {

using self_ptr = group_actor::stateful_pointer<group_directory_state>;

// Delegates `m` to the actor of group `group_id`, spawning it on first use.
template <class Reply, class Message, class... Context>
caf::result<Reply> route_to(self_ptr self, const entity_env& env, const std::string& group_id,
                            Message& m, Context&... ctx) {
  if (!is_canonical_id(group_id))
    return to_caf_error(make_failure(group_errc::group_not_found, "no such group"));
  auto target = actors::internal::find_or_spawn(
    self, self->state.groups, group_id,
    [&](caf::actor_system& system) { return system.spawn(group_actor_fn, env, group_id); },
    env.live ? &env.live->groups : nullptr);
  return self->delegate(target, std::move(m), std::move(ctx)...);
}

template <class Reply, class Message, class... Context>
caf::result<Reply> route(self_ptr self, const entity_env& env, Message& m, Context&... ctx) {
  return route_to<Reply>(self, env, m.group_id, m, ctx...);
}

} // namespace

group_actor::behavior_type group_directory_fn(self_ptr self, entity_env env) {
  actors::internal::forget_on_down(self, [](self_ptr s) -> auto& { return s->state.groups; },
                                   env.live ? &env.live->groups : nullptr);
  return {
    [=](create_group& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](invite_member& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](join_group& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](leave_group& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](record_group_expense& c, command_context& ctx) {
      return route<expense_view>(self, env, c, ctx);
    },
    [=](delete_group_expense& c, command_context& ctx) {
      return route<expense_view>(self, env, c, ctx);
    },
    [=](edit_group_expense& c, command_context& ctx) {
      return route_to<expense_view>(self, env, c.content.group_id, c, ctx);
    },
    [=](add_participant& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](remove_member& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](archive_group& c, command_context& ctx) { return route<group_view>(self, env, c, ctx); },
    [=](record_settlement& c, command_context& ctx) {
      return route<settlement_view>(self, env, c, ctx);
    },
    [=](group_query& q) { return route<group_view>(self, env, q); },
    [=](group_balances_query& q) { return route<group_balances>(self, env, q); },
  };
}

} // namespace pfms
