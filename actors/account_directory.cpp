#include "actors/account_directory.hpp"

#include "actors/account_actor.hpp"
#include "actors/account_error.hpp"
#include "actors/internal/entity_directory.hpp"
#include "events/caf_error.hpp"

#include <caf/actor_system.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace pfms {

namespace {

using self_ptr = account_actor::stateful_pointer<account_directory_state>;

account_actor lookup(self_ptr self, const entity_env& env, const std::string& id) {
  return actors::internal::find_or_spawn(self, self->state.accounts, id,
                                         [&](caf::actor_system& system) {
                                           // Sagas reach the other account through here,
                                           // or through the cluster's router when set.
                                           auto own = env;
                                           if (!own.accounts)
                                             own.accounts = caf::actor_cast<account_actor>(self);
                                           return system.spawn(account_actor_fn, own, id);
                                         },
                                         env.live ? &env.live->accounts : nullptr);
}

caf::error unknown_account() {
  return to_caf_error(make_failure(account_errc::account_not_found, "no such account"));
}

// Delegates `cmd` to its account's actor, or answers account_not_found.
template <class Reply, class Command, class... Context>
caf::result<Reply> route(self_ptr self, const entity_env& env, Command& cmd, Context&... ctx) {
  if (!is_canonical_id(cmd.account_id))
    return unknown_account();
  auto target = lookup(self, env, cmd.account_id);
  return self->delegate(target, std::move(cmd), std::move(ctx)...);
}

} // namespace

account_actor::behavior_type account_directory_fn(self_ptr self, entity_env env) {
  actors::internal::forget_on_down(self, [](self_ptr s) -> auto& { return s->state.accounts; },
                                   env.live ? &env.live->accounts : nullptr);
  return {
    [=](open_account& cmd, command_context& ctx) {
      return route<account_view>(self, env, cmd, ctx);
    },
    [=](record_transaction& cmd, command_context& ctx) {
      return route<transaction_receipt>(self, env, cmd, ctx);
    },
    [=](rename_account& cmd, command_context& ctx) {
      return route<account_view>(self, env, cmd, ctx);
    },
    [=](close_account& cmd, command_context& ctx) {
      return route<account_view>(self, env, cmd, ctx);
    },
    [=](amend_transaction& cmd, command_context& ctx) {
      return route<transaction_receipt>(self, env, cmd, ctx);
    },
    [=](void_transaction& cmd, command_context& ctx) {
      return route<transaction_receipt>(self, env, cmd, ctx);
    },
    [=](reconcile_account& cmd, command_context& ctx) {
      return route<reconciliation_receipt>(self, env, cmd, ctx);
    },
    [=](hold_transfer& cmd, command_context& ctx) {
      return route<transfer_view>(self, env, cmd, ctx);
    },
    [=](credit_transfer& cmd, command_context& ctx) {
      return route<account_view>(self, env, cmd, ctx);
    },
    [=](account_terms_query& query) { return route<account_view>(self, env, query); },
    [=](resume_transfer& message) {
      if (is_canonical_id(message.account_id))
        self->send(lookup(self, env, message.account_id), std::move(message));
    },
  };
}

} // namespace pfms
