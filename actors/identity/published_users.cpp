#include "actors/identity/published_users.hpp"

#include <mutex>

namespace pfms {

void published_users::publish(const user_view& user) {
  std::unique_lock lock(mutex_);
  if (users_.size() >= capacity && !users_.contains(user.user_id))
    users_.erase(users_.begin());
  users_.insert_or_assign(user.user_id, user);
}

void published_users::withdraw(const std::string& user_id) {
  std::unique_lock lock(mutex_);
  users_.erase(user_id);
}

std::optional<user_view> published_users::find(const std::string& user_id) const {
  std::shared_lock lock(mutex_);
  if (auto it = users_.find(user_id); it != users_.end())
    return it->second;
  return std::nullopt;
}

std::optional<bool> published_users::session_live(const std::string& user_id,
                                                  const std::string& family, time_us now) const {
  std::shared_lock lock(mutex_);
  if (auto it = users_.find(user_id); it != users_.end())
    return pfms::session_live(it->second, family, now);
  return std::nullopt;
}

std::size_t published_users::size() const {
  std::shared_lock lock(mutex_);
  return users_.size();
}

} // namespace pfms
