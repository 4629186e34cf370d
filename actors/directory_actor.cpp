#include "actors/directory_actor.hpp"

#include "actors/account_actor.hpp"
#include "actors/account_error.hpp"
#include "events/caf_error.hpp"

#include <caf/actor_system.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace pfms {

namespace {

using self_ptr = account_actor::stateful_pointer<directory_state>;

account_actor lookup(self_ptr self, const account_env& env, const std::string& id) {
  auto& accounts = self->state.accounts;
  if (auto it = accounts.find(id); it != accounts.end())
    return it->second;
  auto spawned = self->system().spawn(account_actor_fn, env, id);
  self->monitor(spawned);
  accounts.emplace(id, spawned);
  return spawned;
}

caf::error unknown_account() {
  return to_caf_error(make_failure(account_errc::account_not_found, "no such account"));
}

} // namespace

account_actor::behavior_type directory_actor_fn(self_ptr self, account_env env) {
  self->set_down_handler([=](caf::down_msg& down) {
    auto& accounts = self->state.accounts;
    for (auto it = accounts.begin(); it != accounts.end(); ++it)
      if (it->second.address() == down.source) {
        accounts.erase(it);
        return;
      }
  });
  return {
    [=](open_account& cmd, command_context& ctx) -> caf::result<account_view> {
      if (!is_canonical_id(cmd.account_id))
        return unknown_account();
      auto target = lookup(self, env, cmd.account_id);
      return self->delegate(target, std::move(cmd), std::move(ctx));
    },
    [=](record_transaction& cmd, command_context& ctx) -> caf::result<transaction_receipt> {
      if (!is_canonical_id(cmd.account_id))
        return unknown_account();
      auto target = lookup(self, env, cmd.account_id);
      return self->delegate(target, std::move(cmd), std::move(ctx));
    },
  };
}

} // namespace pfms
