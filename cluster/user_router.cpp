#include "cluster/user_router.hpp"

#include "cluster/owner_handle.hpp"

#include <caf/typed_event_based_actor.hpp>

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
  auto to = [=]<class Reply>(const std::string& key, auto& c, auto&... ctx) {
    return delegate_to_owner<Reply>(self, *status, &node_directories::users, key, c, ctx...);
  };
  auto command = [=]<class Reply>(auto& c, command_context& ctx) {
    return to.template operator()<Reply>(c.user_id, c, ctx);
  };
  return {
    [=](register_user& c, command_context& ctx) { return command.template operator()<user_view>(c, ctx); },
    [=](change_password& c, command_context& ctx) {
      return command.template operator()<user_view>(c, ctx);
    },
    [=](update_profile& c, command_context& ctx) { return command.template operator()<user_view>(c, ctx); },
    [=](start_session& c, command_context& ctx) {
      return command.template operator()<session_view>(c, ctx);
    },
    [=](rotate_session& c, command_context& ctx) {
      return command.template operator()<session_view>(c, ctx);
    },
    [=](end_session& c, command_context& ctx) { return command.template operator()<session_view>(c, ctx); },
    [=](erase_user& c, command_context& ctx) { return command.template operator()<user_view>(c, ctx); },
    [=](change_email& c, command_context& ctx) { return command.template operator()<user_view>(c, ctx); },
    [=](define_category& c, command_context& ctx) {
      return command.template operator()<user_view>(c, ctx);
    },
    [=](user_query& q) { return to.template operator()<user_view>(q.user_id, q); },
    [=](email_query& q) { return to.template operator()<std::string>(email_key(q.email), q); },
    [=](email_claim& c, command_context& ctx) {
      return to.template operator()<std::uint64_t>(email_key(c.email), c, ctx);
    },
    [=](email_release& r) { return to.template operator()<std::uint64_t>(email_key(r.email), r); },
  };
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
