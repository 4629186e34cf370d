#include "actors/ledger/account_directory.hpp"

#include "actors/ledger/core/account_error.hpp"

#include <caf/actor_system.hpp>

namespace pfms {

failure account_traits::not_found() {
  return make_failure(account_errc::account_not_found, "no such account");
}

account_directory_actor::behavior_type
account_directory_fn(runtime::directory_pointer<account_traits> self, entity_env env) {
  // Sagas reach the other account through here, or through the cluster's
  // router when set.
  auto own = env;
  if (!own.accounts)
    own.accounts = caf::actor_cast<account_actor>(self);
  return runtime::directory_behavior<account_traits, account_directory_actor::behavior_type>(
    self, env, [self, own](const std::string& id) {
      return self->system().spawn(account_actor_fn, own, id);
    });
}

} // namespace pfms
