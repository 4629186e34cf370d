#include "actors/lending/loan_directory.hpp"

#include "actors/lending/core/loan_error.hpp"

#include <caf/actor_system.hpp>

namespace pfms {

failure loan_traits::not_found() {
  return make_failure(loan_errc::loan_not_found, "no such loan");
}

loan_directory_actor::behavior_type
loan_directory_fn(runtime::directory_pointer<loan_traits> self, entity_env env) {
  return runtime::directory_behavior<loan_traits, loan_directory_actor::behavior_type>(
    self, env,
    [self, env](const std::string& id) { return self->system().spawn(loan_actor_fn, env, id); });
}

} // namespace pfms
