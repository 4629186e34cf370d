#pragma once

// The users of this node as their actors last published them: an in-memory
// read model the write side keeps current, so the HTTP front answers
// GET /user/me on its I/O thread without a round trip through the actors.
// Each user actor, its stream's single writer, publishes after every durable
// change and before it replies, so a read after a write's answer sees it.

#include "actors/identity/user_messages.hpp"

#include <cstddef>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace pfms {

class published_users {
public:
  /// Past this many users an arbitrary one is dropped; a miss only means
  /// the read goes through the user's actor.
  static constexpr std::size_t capacity = 200'000;

  /// The user as now (registered users only). Thread-safe.
  void publish(const user_view& user);
  /// Forgets `user_id` (erased, or no longer served here).
  void withdraw(const std::string& user_id);
  /// The published view of `user_id`, if any.
  [[nodiscard]] std::optional<user_view> find(const std::string& user_id) const;
  /// Whether `family` is a live session of `user_id` at `now` (see
  /// `session_live`), without copying the view; nullopt when `user_id` is not
  /// published here, and the user's actor must be asked.
  [[nodiscard]] std::optional<bool> session_live(const std::string& user_id,
                                                 const std::string& family, time_us now) const;
  [[nodiscard]] std::size_t size() const;

private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, user_view> users_;
};

} // namespace pfms
