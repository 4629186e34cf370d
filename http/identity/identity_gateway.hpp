#pragma once

#include "actors/identity/published_users.hpp"
#include "actors/identity/user_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "http/runtime/entity_port.hpp"
#include "http/runtime/reply_callback.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace pfms {

/// The bridge from the HTTP front to the users: commands and sessions (any
/// command, entity_port.hpp) and lookups.
class identity_gateway : public entity_port<user_directory_actor> {
public:
  /// `published` (optional) is the node's published user views: `user`
  /// answers from it without asking the actors. `cluster` (optional) is the
  /// node's cluster, for placing new users; `users` is then the router
  /// (cluster/identity/user_router.hpp).
  identity_gateway(caf::actor_system& system, user_directory_actor users,
                   std::chrono::milliseconds timeout, const published_users* published = nullptr,
                   const cluster_status* cluster = nullptr)
    : entity_port(system, std::move(users), timeout), published_(published), cluster_(cluster) {}

  /// A new user's id: `candidate(0)` on a single node; in a cluster the
  /// first candidate placed on the node that owns `email`, so the email's
  /// registry stream and the user share one node (cluster/identity/user_router.hpp).
  [[nodiscard]] std::string new_user_id(const std::string& email,
                                        const std::function<std::string(int)>& candidate) const;

  /// The user: from the published views when there (at once, on the
  /// calling thread), else from the user's actor.
  void user(std::string user_id, reply_callback<user_view> done) const;
  /// Whether `family` is a live session of `user_id` at `now`, from the
  /// published views (at once, on the calling thread); nullopt when the user
  /// is not published on this node.
  [[nodiscard]] std::optional<bool> published_session(const std::string& user_id,
                                                      const std::string& family,
                                                      time_us now) const;
  /// The same from the user's actor, wherever it lives: false for a user
  /// that is not registered (never was, or erased).
  void asked_session(std::string user_id, std::string family, time_us now,
                     reply_callback<bool> done) const;
  /// The id of the registered user holding `email`, or `user_not_found`.
  void user_by_email(std::string email, reply_callback<std::string> done) const;

private:
  const published_users* published_;
  const cluster_status* cluster_;
};

} // namespace pfms
