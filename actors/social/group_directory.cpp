#include "actors/social/group_directory.hpp"

#include "actors/social/core/group_error.hpp"

#include <caf/actor_system.hpp>

namespace pfms {

failure group_traits::not_found() {
  return make_failure(group_errc::group_not_found, "no such group");
}

group_directory_actor::behavior_type
group_directory_fn(runtime::directory_pointer<group_traits> self, entity_env env) {
  return runtime::directory_behavior<group_traits, group_directory_actor::behavior_type>(
    self, env,
    [self, env](const std::string& id) { return self->system().spawn(group_actor_fn, env, id); });
}

} // namespace pfms
