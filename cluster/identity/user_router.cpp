#include "cluster/identity/user_router.hpp"

#include "actors/runtime/routing.hpp"
#include "cluster/runtime/owner_handle.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <type_traits>

namespace pfms {

namespace {

// An email's shard key: the normalized address (as given when it is none,
// so the owner answers the refusal).
std::string email_key(const std::string& email) {
  auto normalized = normalize_email(email);
  return normalized ? *normalized : email;
}

} // namespace

user_directory_actor::behavior_type user_router_fn(user_directory_actor::pointer self,
                                                   const cluster_status* status) {
  auto pick = [status]<class Message>(const Message& m) -> result<user_directory_actor> {
    if constexpr (std::is_same_v<Message, email_query> || std::is_same_v<Message, email_claim>
                  || std::is_same_v<Message, email_release>)
      return owner_handle(*status, email_key(m.email), &node_directories::users);
    else
      return owner_handle(*status, m.user_id, &node_directories::users);
  };
  return runtime::routing_behavior<user_directory_actor::behavior_type, user_directory_actor>(
    picked_route{self, pick});
}

std::string co_placed_user_id(const cluster_status& status, const std::string& email,
                              const std::function<std::string(int)>& candidate) {
  const auto& home = owner_of(status, email_key(email));
  for (int i = 0; i + 1 < co_placement_tries; ++i)
    if (auto id = candidate(i); owner_of(status, id) == home)
      return id;
  return candidate(co_placement_tries - 1);
}

} // namespace pfms
