#include "http/identity/identity_gateway.hpp"

#include "actors/identity/core/user_error.hpp"
#include "cluster/identity/user_router.hpp"
#include "events/caf_error.hpp"
#include "http/runtime/internal/asks_of.hpp"

namespace pfms {

using http::internal::ask;

template void entity_port<user_directory_actor>::send(const erased_request&,
                                          std::chrono::milliseconds) const;

std::string identity_gateway::new_user_id(const std::string& email,
                                          const std::function<std::string(int)>& candidate) const {
  if (cluster_ == nullptr || !cluster_->config().clustered())
    return candidate(0);
  return co_placed_user_id(*cluster_, email, candidate);
}

void identity_gateway::user(std::string user_id, reply_callback<user_view> done) const {
  if (published_ != nullptr)
    if (auto known = published_->find(user_id))
      return done(std::move(*known));
  ask<user_view>(system_, target_, timeout_, std::move(done), user_query{std::move(user_id)});
}

std::optional<bool> identity_gateway::published_session(const std::string& user_id,
                                                        const std::string& family,
                                                        time_us now) const {
  if (published_ == nullptr)
    return std::nullopt;
  return published_->session_live(user_id, family, now);
}

void identity_gateway::asked_session(std::string user_id, std::string family, time_us now,
                                     reply_callback<bool> done) const {
  ask<user_view>(system_, target_, timeout_,
                 [done = std::move(done), family = std::move(family), now](const result<user_view>& u) {
                   if (u)
                     return done(session_live(*u, family, now));
                   const failure& why = u.error();
                   done(is(why, user_errc::user_not_found) ? result<bool>(false)
                                                           : result<bool>(why));
                 },
                 user_query{std::move(user_id)});
}

void identity_gateway::user_by_email(std::string email, reply_callback<std::string> done) const {
  ask<std::string>(system_, target_, timeout_, std::move(done), email_query{std::move(email)});
}

} // namespace pfms
